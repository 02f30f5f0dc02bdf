// `/executions/?id=execution-…`: one script execution with its stdout and stderr (the last 64 KiB
// of each), refreshed while it runs. `/executions/?farmId=…&serverId=…`: one server's executions.
// `/executions/`: the latest across the chosen environment's live farms.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ExecutionsPageClient } from './page-client';
import '../../components/orchestration.css';

export const metadata: Metadata = { title: 'Executions' };

export default function ExecutionsPage() {
  return (
    <Suspense fallback={<ExecutionsPageClient query={null} />}>
      <ExecutionsPageClient />
    </Suspense>
  );
}
