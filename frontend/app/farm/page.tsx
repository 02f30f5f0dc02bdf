// `/farm/?id=farm-…`: one farm's spec and live status. A query string rather than a `[id]`
// segment, because a static export can only serve paths it rendered at build time.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FarmPageClient } from './page-client';
import './farm-page.css';

export const metadata: Metadata = { title: 'Farm' };

export default function FarmPage() {
  return (
    // useSearchParams needs a boundary in a static export; the fallback is the loading page itself.
    <Suspense fallback={<FarmPageClient farmId={null} />}>
      <FarmPageClient />
    </Suspense>
  );
}
