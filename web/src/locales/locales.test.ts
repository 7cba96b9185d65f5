import { ErrorCode } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { german as de, english as en } from './index.ts';

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

function lookup(tree: unknown, path: string): string {
  let node: unknown = tree;
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return String(node);
}

function placeholders(tree: unknown, path: string): string[] {
  return [...lookup(tree, path).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

describe('locale files', () => {
  it('have the same keys in English and German', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of keys(en)) expect(placeholders(de, key), key).toEqual(placeholders(en, key));
  });

  it('translate every error code of the API', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(en.errors, code).toHaveProperty(code);
      expect(de.errors, code).toHaveProperty(code);
    }
  });

  it('have no empty strings', () => {
    const empty = [
      ...keys(en).filter((key) => lookup(en, key).trim() === ''),
      ...keys(de).filter((key) => lookup(de, key).trim() === ''),
    ];
    expect(empty).toEqual([]);
  });
});
