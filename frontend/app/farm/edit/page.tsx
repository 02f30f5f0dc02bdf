// `/farm/edit/` creates a farm in the chosen environment; `/farm/edit/?id=farm-…` edits one.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FarmEditPageClient } from './page-client';

export const metadata: Metadata = { title: 'Edit farm' };

export default function FarmEditPage() {
  return (
    <Suspense fallback={<FarmEditPageClient farmId={null} />}>
      <FarmEditPageClient />
    </Suspense>
  );
}
