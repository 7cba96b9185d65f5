/**
 * @mentions in comments. The editor writes `@[Display Name](user:<uuid>)`; the server turns
 * that into a mention (and a notification) and renders it as "@Display Name". These helpers
 * find what the user is typing after an "@" and replace it with that markup.
 */

export interface MentionCandidate {
  userId: string;
  name: string;
}

export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  /** What was typed after the "@", up to the caret. */
  query: string;
}

/** Longest query we keep suggesting for; past that the "@" was surely not a mention. */
const QUERY_MAX = 40;

/** Same pattern as the server's: the name may not contain "]" or a line break, at most 100 characters. */
const MENTION = /@\[([^\]\n]{1,100})\]\(user:([0-9a-fA-F-]{36})\)/g;

/**
 * The mention being typed at the caret, if any: an "@" at the start or after a space or an
 * opening bracket, followed by up to 40 characters without a line break. Names have spaces
 * ("@Ada By"), so one space at a time is allowed, but not a leading one.
 */
export function findMentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const prev = at === 0 ? '' : (before[at - 1] ?? '');
  if (prev !== '' && !/[\s([{"'“„]/.test(prev)) return null;
  const query = before.slice(at + 1);
  if (query.length > QUERY_MAX) return null;
  if (/[\n\r[\]()@]/.test(query)) return null;
  if (query.startsWith(' ') || query.includes('  ')) return null;
  return { start: at, query };
}

function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase();
}

/**
 * Members whose name matches the query: names starting with it first, then names with a word
 * starting with it, then any other containing it. Diacritics and case don't matter.
 */
export function filterMentionCandidates<T extends MentionCandidate>(
  candidates: readonly T[],
  query: string,
  max = 6,
): T[] {
  const q = fold(query.trim());
  if (q === '') return [...candidates].sort((a, b) => a.name.localeCompare(b.name)).slice(0, max);
  const scored: Array<{ c: T; score: number }> = [];
  for (const c of candidates) {
    const name = fold(c.name);
    let score = -1;
    if (name.startsWith(q)) score = 0;
    else if (name.split(/\s+/).some((word) => word.startsWith(q))) score = 1;
    else if (name.includes(q)) score = 2;
    if (score >= 0) scored.push({ c, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.c.name.localeCompare(b.c.name))
    .slice(0, max)
    .map((s) => s.c);
}

/** The name as it can stand inside the markup: no "]", no line breaks, at most 100 characters. */
export function mentionLabel(name: string): string {
  const clean = name
    .replace(/[\]\r\n[]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...(clean || '?')].slice(0, 100).join('');
}

export function mentionMarkup(candidate: MentionCandidate): string {
  return `@[${mentionLabel(candidate.name)}](user:${candidate.userId})`;
}

/**
 * Replaces the typed "@query" (from `start` to the caret) with the mention markup and a space,
 * and returns the new text with the caret placed after it.
 */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  candidate: MentionCandidate,
): { text: string; caret: number } {
  const markup = `${mentionMarkup(candidate)} `;
  const rest = text.slice(caret);
  // Don't double the space when one already follows.
  const insert = rest.startsWith(' ') ? markup.trimEnd() : markup;
  const next = text.slice(0, start) + insert + rest;
  const nextCaret = start + insert.length + (rest.startsWith(' ') ? 1 : 0);
  return { text: next, caret: nextCaret };
}

/** User ids mentioned in a text, each once, in order (as the server reads them). */
export function mentionedUserIds(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => (m[2] ?? '').toLowerCase()))];
}
