import { useState } from 'react'; 

/**
 * Which fields show their problem yet: the ones left once, and all of them after a submit.
 * Typing validates at once, but a field isn't scolded before the person got to finish it.
 */
export function useTouched() {
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  return {
    shown: (field: string) => submitted || left.has(field) || left.has(field.split('/')[0] ?? field),
    leave: (field: string) =>
      setLeft((prev) => {
        if (prev.has(field)) return prev;
        const next = new Set(prev);
        next.add(field);
        return next;
      }),
    submit: () => setSubmitted(true),
    reset: () => {
      setLeft(new Set());
      setSubmitted(false);
    },
  };
}
