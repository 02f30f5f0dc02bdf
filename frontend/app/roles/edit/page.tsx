// `/roles/edit/` creates a role; `/roles/edit/?id=role-…` edits one.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { RoleEditPageClient } from './page-client';

export const metadata: Metadata = { title: 'Edit role' };

export default function RoleEditPage() {
  return (
    <Suspense fallback={<RoleEditPageClient roleId={null} />}>
      <RoleEditPageClient />
    </Suspense>
  );
}
