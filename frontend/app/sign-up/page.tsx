// `/sign-up/`: a new account (you are its owner) with its first environment `default`, then signed in.
import type { Metadata } from 'next';
import { SignUpPageClient } from './page-client';
import '../sign-in/sign-in.css';

export const metadata: Metadata = { title: 'Sign up' };

export default function SignUpPage() {
  return <SignUpPageClient />;
}
