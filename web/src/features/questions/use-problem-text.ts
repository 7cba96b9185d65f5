import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../lessons/problems.ts';

/** A field problem in the reader's language (never the server's English). */
export function useQuestionProblemText() {
  const { t } = useTranslation();
  return (problem: FieldProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    const n = (key: string) => Number(problem.params[key] ?? 0);
    switch (problem.code) {
      case 'required':
        return problem.field === 'body'
          ? t('questions.problems.bodyRequired')
          : t('questions.problems.required');
      case 'too_long':
        return t('questions.problems.too_long', { max: n('max') });
      default:
        return t('questions.problems.not_allowed');
    }
  };
}
