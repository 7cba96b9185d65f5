import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';

export interface ErrorStateProps {
  title?: string;
  message: string;
  onRetry?: () => void;
  retrying?: boolean;
  action?: ReactNode;
}

export function ErrorState({ title, message, onRetry, retrying, action }: ErrorStateProps) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title ?? t('common.errorTitle')}</p>
      <p className="state-body">{message}</p>
      {(onRetry || action) && (
        <div className="state-action">
          {onRetry && (
            <Button onClick={onRetry} pending={retrying ?? false}>
              {t('common.retry')}
            </Button>
          )}
          {action}
        </div>
      )}
    </div>
  );
}
