/**
 * Reads a token from a URL fragment (`#<token>` or `#token=<token>`). Tokens travel in the
 * fragment because browsers never send it to a server, a proxy log or a Referer header.
 */
export function tokenFromHash(hash: string): string | null {
  let raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.startsWith('token=')) raw = raw.slice('token='.length);
  try {
    raw = decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
  // Same bounds as the contract's token bodies; anything else cannot be a real token.
  if (raw.length < 10 || raw.length > 200 || /\s/.test(raw)) return null;
  return raw;
}
