// `/scripts/edit/` writes a new script; `/scripts/edit/?id=script-…` edits one (every save a new
// version), lists its versions and shows an old one (`&version=N`), with the script's recent runs.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ScriptEditPageClient } from './page-client';
import '../orchestration.css';
import '../../../components/orchestration.css';

export const metadata: Metadata = { title: 'Script' };

export default function ScriptEditPage() {
  return (
    <Suspense fallback={<ScriptEditPageClient scriptId={null} />}>
      <ScriptEditPageClient />
    </Suspense>
  );
}
