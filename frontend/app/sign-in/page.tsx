// `/sign-in/`: email and password against the API's token endpoint.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignInPageClient } from './page-client';
import './sign-in.css';

export const metadata: Metadata = { title: 'Sign in' };

export default function SignInPage() {
  return (
    <Suspense fallback={<SignInPageClient returnTo="/" />}>
      <SignInPageClient />
    </Suspense>
  );
}
