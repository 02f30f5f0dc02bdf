// `/credentials/`: the cloud credentials of the chosen environment — add, test, delete.
import type { Metadata } from 'next';
import { CredentialsPageClient } from './page-client';

export const metadata: Metadata = { title: 'Cloud credentials' };

export default function CredentialsPage() {
  return <CredentialsPageClient />;
}
