import { useState } from 'react';

/**
 * Which fields show their problem yet: the ones left once, and all of them after a submit.
 * Typing validates at once, but a field isn't scolded before the person got to finish it.
 */
export function useTouched() {
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const add = (set: ReadonlySet<string>, field: string) => {
    if (set.has(field)) return set;
    const next = new Set(set);
    next.add(field);
    return next;
  };
  return {
    shown: (field: string) => submitted || left.has(field) || left.has(field.split('/')[0] ?? field),
    /** The person typed here (so emptying it and leaving is worth a word). */
    edit: (field: string) => setEdited((prev) => add(prev, field)),
    /**
     * Leaving a field that is still empty and untouched doesn't flag it: the error line would
     * push the page down under the pointer (a click on the next button would miss), and
     * nothing was typed yet. Submitting shows every problem anyway.
     */
    leave: (field: string, value?: string) => {
      if (value !== undefined && value.trim() === '' && !edited.has(field)) return;
      setLeft((prev) => add(prev, field));
    },
    submit: () => setSubmitted(true),
    reset: () => {
      setLeft(new Set());
      setEdited(new Set());
      setSubmitted(false);
    },
  };
}
