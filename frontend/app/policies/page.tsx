// `/policies/`: the chosen environment's Governance policies (IT's rules farms are checked
// against on save and at launch) and the farms' lease extension requests.
import type { Metadata } from 'next';
import { PoliciesPageClient } from './page-client';
import './policies.css';

export const metadata: Metadata = { title: 'Policies' };

export default function PoliciesPage() {
  return <PoliciesPageClient />;
}
