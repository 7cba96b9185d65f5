import { type UnderSupportKey, underSupportKeys } from './values.ts';

export type UnderSupportCounts = Readonly<Record<UnderSupportKey, number>>;

export interface UnderSupport {
  /** The sum of the counts. */
  total: number;
  /** Every counter, in `underSupportKeys` order, zeros included so screens show a stable list. */
  items: { key: UnderSupportKey; count: number }[];
}

/**
 * The under-support counter beside the index (DESIGN §10): the other side of the coin,
 * where the principal gives the assistant too little, not too much. The server counts each
 * item over the same pair and window; a negative, fractional or non-finite count reads as
 * its whole non-negative part (0 for NaN).
 */
export function underSupport(counts: UnderSupportCounts): UnderSupport {
  const items = underSupportKeys.map((key) => {
    const c = counts[key];
    return { key, count: Number.isFinite(c) && c > 0 ? Math.floor(c) : 0 };
  });
  return { total: items.reduce((sum, i) => sum + i.count, 0), items };
}
