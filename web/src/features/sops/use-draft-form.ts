import type { SopProblem } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import {
  type DraftProblems,
  draftProblems,
  type EditDraft,
  isImmediate,
  normalizeSopField,
} from './sop-values.ts';

/** The text of one problem, in the reader's language (core's English message is for logs). */
export function useProblemText() {
  const { t } = useTranslation();
  return (problem: Pick<SopProblem, 'field' | 'code' | 'params'>): string => {
    if (problem.field === 'steps' && problem.code === 'required') return t('sops.problems.stepsRequired');
    const { max, min } = problem.params;
    switch (problem.code) {
      case 'too_long':
        return t('sops.problems.too_long', { max: Number(max ?? 0) });
      case 'too_many':
        return t('sops.problems.too_many', { max: Number(max ?? 0) });
      case 'integer_between':
        return t('sops.problems.integer_between', { min: Number(min ?? 0), max: Number(max ?? 0) });
      default:
        return t(`sops.problems.${problem.code}`);
    }
  };
}

/**
 * Validation of a draft as one types, with core's `checkSopDraft`: a field's problem shows once
 * the field was left or the form submitted (a text that grew too long at once), and the
 * server's field issues sit on the same fields until that field changes.
 */
export function useDraftForm(draft: EditDraft) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Record<string, { draft: EditDraft; message: string }>>({});
  const problems: DraftProblems = draftProblems(draft);

  function problemFor(field: string): string | undefined {
    const fromServer = server[field];
    if (fromServer && fromServer.draft === draft) return fromServer.message;
    const problem = problems[field];
    if (problem && (submitted || left.has(field) || isImmediate(problem))) return problemText(problem);
    return undefined;
  }

  /** Marks the form submitted; returns the first field with a problem (to focus), or null. */
  function check(): string | null {
    setSubmitted(true);
    return Object.keys(problems)[0] ?? null;
  }

  /** Puts a refused save's field issues on the fields; true when it was a validation error. */
  function showServerError(error: unknown): boolean {
    if (!(error instanceof ApiError) || error.code !== 'validation_failed' || error.fields.length === 0)
      return false;
    const next: Record<string, { draft: EditDraft; message: string }> = {};
    for (const issue of error.fields) {
      const field = normalizeSopField(issue.field);
      const code = (issue as { code?: unknown }).code;
      const params = (issue as { params?: unknown }).params;
      const known = typeof code === 'string' && code in problemCodes;
      next[field] = {
        draft,
        message: known
          ? problemText({
              field,
              code: code as SopProblem['code'],
              params: (typeof params === 'object' && params !== null ? params : {}) as SopProblem['params'],
            })
          : t('sops.problems.invalid'),
      };
    }
    setServer(next);
    return true;
  }

  return {
    problems,
    valid: Object.keys(problems).length === 0,
    problemFor,
    check,
    showServerError,
    leave: (field: string) => setLeft((prev) => (prev.has(field) ? prev : new Set([...prev, field]))),
    reset: () => {
      setLeft(new Set());
      setSubmitted(false);
      setServer({});
    },
  };
}

const problemCodes: Record<SopProblem['code'], true> = {
  required: true,
  too_long: true,
  too_many: true,
  not_allowed: true,
  integer_between: true,
  exactly: true,
  invalid_date: true,
  lessons_are_blameless: true,
};

/** Focuses the control named `field` (`title`, `steps/2/text`) inside a container. */
export function focusField(container: HTMLElement | null, field: string): void {
  const target = field === 'steps' ? 'steps/0/text' : field;
  const element = container?.querySelector<HTMLElement>(`[name="${CSS.escape(target)}"]`);
  element?.focus();
}
