// `/audit/`: the account's audit log — who changed what, when and from where — with filters;
// a row opens to the changed fields, old → new. `?resourceId=…` opens on one resource's history.
import type { Metadata } from 'next';
import { AuditPageClient } from './page-client';
import './audit.css';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditPage() {
  return <AuditPageClient />;
}
