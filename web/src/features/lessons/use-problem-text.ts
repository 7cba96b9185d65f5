import { useTranslation } from 'react-i18next';
import type { FieldProblem } from './problems.ts';

/** Turns a field problem into its sentence in the reader's language (never the server's English). */
export function useProblemText() {
  const { t } = useTranslation();
  return (problem: FieldProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    const n = (key: string) => Number(problem.params[key] ?? 0);
    switch (problem.code) {
      case 'required':
        return t('lessons.problems.required');
      case 'too_long':
        return t('lessons.problems.too_long', { max: n('max') });
      case 'too_many':
        return t('lessons.problems.too_many', { max: n('max') });
      case 'integer_between':
        return t('lessons.problems.integer_between', { min: n('min'), max: n('max') });
      case 'exactly':
        return t('lessons.problems.exactly', { count: n('count') });
      case 'invalid_date':
        return t('lessons.problems.invalid_date');
      case 'lessons_are_blameless':
        return t('lessons.problems.lessons_are_blameless');
      default:
        return t('lessons.problems.not_allowed');
    }
  };
}
