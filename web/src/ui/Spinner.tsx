import { useTranslation } from 'react-i18next';

export function Spinner({ label, size = 'md' }: { label?: string; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <span className={`spinner spinner-${size}`} role="status">
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </span>
  );
}

/** A whole-area loading state; waits a moment before showing so fast answers don't flicker. */
export function LoadingState({ label }: { label?: string }) {
  return (
    <div className="state state-loading">
      <Spinner {...(label ? { label } : {})} />
    </div>
  );
}
