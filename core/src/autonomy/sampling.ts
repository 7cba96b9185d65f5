/**
 * Deterministic, auditable sampling (DESIGN §4): whether a result is sampled for review is a
 * function of its task id (and a workspace's salt) and the rate, nothing else, so the same
 * task always gets the same answer and anyone can recompute it from what the task stores.
 *
 * The draw depends on the id only, not on the rate: a task drawn at 0.08 is in every sample
 * with a rate above 0.08, so tightening a rate only ever adds tasks to review.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text` (a lone surrogate counts as U+FFFD, as in TextEncoder). */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET;
  const byte = (b: number) => {
    hash ^= b;
    hash = Math.imul(hash, FNV_PRIME);
  };
  for (const char of text) {
    let cp = char.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) byte(cp);
    else if (cp < 0x800) {
      byte(0xc0 | (cp >> 6));
      byte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      byte(0xe0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    } else {
      byte(0xf0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3f));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    }
  }
  return hash >>> 0;
}

/**
 * MurmurHash3's finaliser. FNV-1a alone mixes the last bytes of a string poorly into the high
 * bits, and ids that share a prefix (time-ordered UUIDs) would then bunch up in [0,1).
 */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The task's draw in [0, 1): fmix32(FNV-1a(salt + ":" + id)) / 2³², or of the id alone without a salt. */
export function sampleDraw(taskId: string, salt = ''): number {
  const key = salt === '' ? taskId : `${salt}:${taskId}`;
  return fmix32(fnv1a32(key)) / 0x1_0000_0000;
}

export interface SampleDecision {
  selected: boolean;
  /** The task's draw in [0, 1); selected iff draw < rate. */
  draw: number;
  rate: number;
}

/**
 * Whether the task is in the sample at `rate` (0..1). Store the whole result on the task: it
 * is the audit trail of why a result was or was not reviewed.
 *
 * `salt` is optional. Without one, anyone who knows a task id and this code can tell in
 * advance whether it will be sampled; a per-workspace secret salt keeps the answer just as
 * deterministic for the server while the assignee cannot predict it.
 */
export function sampleDecision(taskId: string, rate: number, salt = ''): SampleDecision {
  const draw = sampleDraw(taskId, salt);
  // NaN fails the comparison: an unreadable rate samples nothing rather than everything.
  return { selected: draw < rate, draw, rate };
}
