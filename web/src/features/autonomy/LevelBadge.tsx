import { useTranslation } from 'react-i18next';
import { useExplainFormat } from './use-explain.ts';

/** "L3 · Spot-checked": the number for scanning, the name for meaning. */
export function LevelBadge({ level, compact = false }: { level: number; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useExplainFormat();
  return (
    <span className={`level-badge level-${level}`} title={format.levelLabel(level)}>
      <span aria-hidden="true">{t('autonomy.levelShort', { level })}</span>
      {compact ? (
        <span className="visually-hidden">{format.levelLabel(level)}</span>
      ) : (
        <span className="level-badge-name">
          <span className="visually-hidden">{t('autonomy.levelShort', { level })} </span>
          {format.levelName(level)}
        </span>
      )}
    </span>
  );
}
