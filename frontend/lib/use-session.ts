'use client';
// Guards a signed-in page: until the browser has looked at localStorage the page renders its
// placeholders (the static HTML cannot know), then it either shows itself or goes to sign-in.
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import { clearSession, readSession } from './session';
import { currentPath, signInUrl } from './sign-in-redirect';

export type SessionState = 'checking' | 'signed-in' | 'signed-out';

export function useSession(): { state: SessionState; signOut: () => void; requireSignIn: () => void } {
  const router = useRouter();
  const [state, setState] = useState<SessionState>('checking');

  const requireSignIn = useCallback(() => {
    setState('signed-out');
    router.replace(signInUrl(currentPath()));
  }, [router]);

  const signOut = useCallback(() => {
    clearSession();
    setState('signed-out');
    router.replace(signInUrl(''));
  }, [router]);

  useEffect(() => {
    if (readSession()) setState('signed-in');
    else requireSignIn();
  }, [requireSignIn]);

  return { state, signOut, requireSignIn };
}
