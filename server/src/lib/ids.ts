import { randomUUID } from 'node:crypto';

/** Every id is a random UUID, stored as text on both databases. */
export function newId(): string {
  return randomUUID();
}
