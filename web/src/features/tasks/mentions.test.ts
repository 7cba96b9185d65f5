import { describe, expect, it } from 'vitest';
import {
  filterMentionCandidates,
  findMentionQuery,
  insertMention,
  mentionedUserIds,
  mentionLabel,
  mentionMarkup,
} from './mentions.ts';

const ada = { userId: '00000000-0000-4000-8000-00000000000a', name: 'Ada Byron' };
const jose = { userId: '00000000-0000-4000-8000-00000000000b', name: 'José Álvarez' };
const bea = { userId: '00000000-0000-4000-8000-00000000000c', name: 'Beatrix Adams' };

describe('findMentionQuery', () => {
  it.each([
    ['@', 1, { start: 0, query: '' }],
    ['hi @Ad', 6, { start: 3, query: 'Ad' }],
    ['hi @Ada B', 9, { start: 3, query: 'Ada B' }],
    ['(@jo', 4, { start: 1, query: 'jo' }],
    ['line\n@x', 7, { start: 5, query: 'x' }],
  ])('finds the query in %j at %i', (text, caret, expected) => {
    expect(findMentionQuery(text, caret)).toEqual(expected);
  });

  it.each([
    ['mail me at ada@example.com', 26],
    ['no at sign', 10],
    ['@ leading space', 3],
    ['@two  spaces', 12],
    ['@[Ada](user:x) done', 19],
    ['@line\nbreak', 11],
    [`@${'x'.repeat(41)}`, 42],
  ])('ignores %j', (text, caret) => {
    expect(findMentionQuery(text, caret)).toBeNull();
  });

  it('only looks before the caret', () => {
    expect(findMentionQuery('hi @Ada and more', 7)).toEqual({ start: 3, query: 'Ada' });
  });
});

describe('filterMentionCandidates', () => {
  const all = [ada, jose, bea];
  it('ranks name prefix, then word prefix, then substring; ignores case and accents', () => {
    expect(filterMentionCandidates(all, 'ad').map((c) => c.name)).toEqual(['Ada Byron', 'Beatrix Adams']);
    expect(filterMentionCandidates(all, 'alv').map((c) => c.name)).toEqual(['José Álvarez']);
    expect(filterMentionCandidates(all, 'jose').map((c) => c.name)).toEqual(['José Álvarez']);
    expect(filterMentionCandidates(all, 'yro').map((c) => c.name)).toEqual(['Ada Byron']);
    expect(filterMentionCandidates(all, 'zzz')).toEqual([]);
  });

  it('lists everyone by name for an empty query, up to the maximum', () => {
    expect(filterMentionCandidates(all, '', 2).map((c) => c.name)).toEqual(['Ada Byron', 'Beatrix Adams']);
  });
});

describe('insertMention', () => {
  it('replaces the typed query with the markup and puts the caret after a space', () => {
    const text = 'Hi @Ad';
    const result = insertMention(text, 3, 6, ada);
    expect(result.text).toBe(`Hi @[Ada Byron](user:${ada.userId}) `);
    expect(result.caret).toBe(result.text.length);
  });

  it('keeps the text after the caret and does not double a space', () => {
    const result = insertMention('Hi @Ad please check', 3, 6, ada);
    expect(result.text).toBe(`Hi @[Ada Byron](user:${ada.userId}) please check`);
    expect(result.text.slice(result.caret)).toBe('please check');
  });

  it('round-trips: the inserted mention is read back by the server pattern', () => {
    const { text } = insertMention('@jo', 0, 3, jose);
    expect(mentionedUserIds(`${text} and ${mentionMarkup(ada)} and ${mentionMarkup(jose)}`)).toEqual([
      jose.userId,
      ada.userId,
    ]);
  });
});

describe('mentionLabel', () => {
  it('removes brackets and line breaks and caps the length', () => {
    expect(mentionLabel('Ada [the] Byron\nII')).toBe('Ada the Byron II');
    expect(mentionLabel('x'.repeat(150))).toHaveLength(100);
    expect(mentionLabel('  ')).toBe('?');
  });
});
