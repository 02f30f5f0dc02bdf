// The signed-in session: the API's bearer token, kept in localStorage so it survives reloads and
// is shared by tabs. A static export has no server to hold an httpOnly cookie; the token is
// short-lived and the API answers 401 once it expires, which sends the user back to sign in.
const TOKEN_KEY = 'drover.session';

export interface Session {
  accessToken: string;
  expiresAt: string;
}

export function readSession(now = Date.now()): Session | null {
  if (typeof window === 'undefined') return null;
  try {
    const session = JSON.parse(window.localStorage.getItem(TOKEN_KEY) ?? 'null') as Session | null;
    if (!session?.accessToken) return null;
    const expires = Date.parse(session.expiresAt);
    return Number.isNaN(expires) || expires > now ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  window.localStorage.setItem(TOKEN_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  window.localStorage.removeItem(TOKEN_KEY);
}
