import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets handed to people (session cookies, reset and invitation links) are 256 random
 * bits; only their SHA-256 is stored, so a database leak does not leak working tokens.
 * Each token type carries a prefix so a token of one kind is never accepted as another.
 */
export const TokenKind = { session: 'ses', reset: 'rst', invitation: 'inv', csrf: 'csr' } as const;
export type TokenKind = keyof typeof TokenKind;

export function newToken(kind: TokenKind): string {
  return `${TokenKind[kind]}_${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token, or null when the token is not of the expected kind. */
export function hashToken(kind: TokenKind, token: string): string | null {
  if (!token.startsWith(`${TokenKind[kind]}_`) || token.length > 200) return null;
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
