// Where sign-in sends the user back to, and the guard against open redirects through `?next=`.
export const SIGN_IN_PATH = '/sign-in/';

export function signInUrl(returnTo: string): string {
  // Several reads of one page can be refused at once: the later ones find the user already on
  // the sign-in page and must keep its `next`, not replace it with the sign-in page itself.
  if (returnTo.startsWith(SIGN_IN_PATH)) return returnTo;
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
