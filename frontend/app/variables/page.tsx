// `/variables/`: the Global Variables of the chosen environment and of the whole account (flags,
// pattern, description; hidden values masked). Farm role variables are on the farm edit page.
import type { Metadata } from 'next';
import { VariablesPageClient } from './page-client';

export const metadata: Metadata = { title: 'Variables' };

export default function VariablesPage() {
  return <VariablesPageClient />;
}
