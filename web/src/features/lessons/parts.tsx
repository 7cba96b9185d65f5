import type { ContributingFactorKind } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { type Severity, severityNames } from './lesson-draft.ts';

/** Severity in words with its number: "1 · Critical". */
export function SeverityChip({ severity }: { severity: number }) {
  const { t } = useTranslation();
  const s = (Math.min(4, Math.max(1, Math.round(severity))) || 4) as Severity;
  return (
    <span className={`badge lsn-sev lsn-sev-${s}`} data-severity={s}>
      {t('lessons.severityOption', { number: s, name: t(`lessons.severity.${severityNames[s]}`) })}
    </span>
  );
}

export function FactorChips({ kinds }: { kinds: readonly ContributingFactorKind[] }) {
  const { t } = useTranslation();
  const unique = [...new Set(kinds)];
  if (unique.length === 0) return null;
  return (
    <ul className="lsn-factor-chips" aria-label={t('lessons.fields.factors')}>
      {unique.map((kind) => (
        <li key={kind} className={`lsn-factor lsn-factor-${kind}`}>
          <span className="lsn-swatch" aria-hidden="true" />
          {t(`lessons.factors.${kind}`)}
        </li>
      ))}
    </ul>
  );
}
