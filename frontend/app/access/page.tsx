// `/access/`: who may do what in the account (owner and admin): users with their account role,
// teams with their members and environment grants, and ACL roles (built-ins read-only, custom
// ones edited as a permission matrix).
import type { Metadata } from 'next';
import { AccessPageClient } from './page-client';
import './access.css';

export const metadata: Metadata = { title: 'Users & teams' };

export default function AccessPage() {
  return <AccessPageClient />;
}
