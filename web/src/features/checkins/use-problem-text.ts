import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../lessons/problems.ts';

/** A check-in or reminder problem in the reader's language (never the server's English). */
export function useCheckInProblemText() {
  const { t } = useTranslation();
  return (problem: FieldProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    const n = (key: string) => Number(problem.params[key] ?? 0);
    switch (problem.field) {
      case 'done':
        // core names the empty check-in on `done`: nothing at all was written.
        if (problem.code === 'required') return t('checkins.problems.empty');
        break;
      case 'autonomy':
        return t('checkins.problems.autonomy', { min: n('min') || 1, max: n('max') || 5 });
      case 'weekday':
        return t('checkins.problems.weekday');
      case 'time':
        return t('checkins.problems.time');
      case 'timeZone':
        return t('checkins.problems.timeZone');
    }
    switch (problem.code) {
      case 'required':
        return t('checkins.problems.required');
      case 'too_long':
        return t('checkins.problems.too_long', { max: n('max') });
      default:
        return t('checkins.problems.not_allowed');
    }
  };
}
