/**
 * Where to go after logging in. Only same-origin paths are accepted: `//evil.example` and
 * `/\evil.example` are protocol-relative URLs to a browser, so an open redirect in disguise.
 */
export function safeNextPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  // Control characters and backslashes have no business in our own paths.
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || c === 0x5c) return null;
  }
  const path = raw.split(/[?#]/)[0] ?? '';
  if (['/login', '/signup', '/forgot-password', '/reset-password'].includes(path)) return null;
  return raw;
}

/** The login URL that comes back to `current` afterwards. */
export function loginPathFor(current: string): string {
  const next = safeNextPath(current);
  return next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
}
