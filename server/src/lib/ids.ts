import { randomFillSync } from 'node:crypto';

/**
 * Every id is a UUID (version 7, RFC 9562), stored as text on both databases.
 *
 * Version 7 starts with the time in milliseconds, so new rows go to the end of every index
 * keyed by an id (primary keys, `task_id` columns) instead of a random page of it: a request
 * that writes a task, its history and a notification touches a handful of pages instead of a
 * random one in each index, and requests committed together share them (see
 * db/sqlite-group-commit.ts; PostgreSQL writes less WAL for the same reason). The 74 bits after
 * the time are random, so ids are as unguessable as they need to be (access is checked on
 * every request anyway; secrets never use ids — see lib/tokens.ts). Within one millisecond a
 * counter in the random part keeps them ascending.
 */
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;
let lastMs = -1;
let counter = 0;

export function newId(now = Date.now()): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  // 12 bits after the version: a counter within the same millisecond, from a random start.
  if (now > lastMs) {
    lastMs = now;
    counter = ((bytes[6]! & 0x07) << 8) | bytes[7]!;
  } else {
    counter++;
    // Only after 2,048 ids in one millisecond does the counter run out: borrow the next ms.
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  }
  const ms = lastMs;
  const hex = ms.toString(16).padStart(12, '0');
  const randA = (0x7000 | counter).toString(16);
  // Variant 10xx in the top bits of byte 8.
  const b8 = ((bytes[8]! & 0x3f) | 0x80).toString(16).padStart(2, '0');
  const rest = bytes.toString('hex', 9, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${randA}-${b8}${rest.slice(0, 2)}-${rest.slice(2, 14)}`;
}
