// Where sign-in sends the user back to, and the guard against open redirects through `?next=`.
export const SIGN_IN_PATH = '/sign-in/';

export function signInUrl(returnTo: string): string {
  return returnTo && returnTo !== '/' ? `${SIGN_IN_PATH}?next=${encodeURIComponent(returnTo)}` : SIGN_IN_PATH;
}

/** Only same-origin paths: `//evil.example` and `https://…` fall back to the farm list. */
export function safeReturnPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith(SIGN_IN_PATH) ? '/' : next;
}

export function currentPath(): string {
  return typeof window === 'undefined' ? '/' : window.location.pathname + window.location.search;
}
