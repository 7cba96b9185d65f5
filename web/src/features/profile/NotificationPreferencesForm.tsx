import { type DeliveryMode, deliveryModes, type NotificationKind, notificationKinds } from '@leeway/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useNotificationPreferences, useUpdateNotificationPreferences } from '../notifications/hooks.ts';
import '../notifications/notifications.css';

function isDeliveryMode(value: string): value is DeliveryMode {
  return (deliveryModes as readonly string[]).includes(value);
}

function KindRow({ kind, mode }: { kind: NotificationKind; mode: DeliveryMode }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateNotificationPreferences();
  const id = useId();
  return (
    <div className="pref-row">
      <div className="pref-text">
        <label htmlFor={id} className="field-label">
          {t(`notifications.preferences.kinds.${kind}`)}
        </label>
        <span className="field-hint" id={`${id}-hint`}>
          {t(`notifications.preferences.hints.${kind}`)}
        </span>
      </div>
      <select
        id={id}
        className="input select input-sm pref-select"
        value={mode}
        aria-describedby={`${id}-hint`}
        data-testid={`notification-pref-${kind}`}
        onChange={(event) => {
          const next = event.target.value;
          if (!isDeliveryMode(next)) return;
          update.mutate(
            { [kind]: next },
            {
              onSuccess: () =>
                toast.success(
                  t('notifications.preferences.saved', {
                    kind: t(`notifications.preferences.kinds.${kind}`),
                    mode: t(`notifications.preferences.modes.${next}`),
                  }),
                ),
              onError: (error) => toast.error(t(errorKey(error))),
            },
          );
        }}
      >
        {deliveryModes.map((m) => (
          <option key={m} value={m}>
            {t(`notifications.preferences.modes.${m}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Per kind of event: at once, in the daily digest, or not at all. Saved on change. */
export function NotificationPreferencesForm() {
  const { t } = useTranslation();
  const prefs = useNotificationPreferences();
  if (prefs.isPending) return <LoadingState />;
  if (prefs.isError)
    return (
      <ErrorState
        message={t(errorKey(prefs.error))}
        onRetry={() => void prefs.refetch()}
        retrying={prefs.isFetching}
      />
    );
  return (
    <div className="pref-list" data-testid="notification-preferences">
      {notificationKinds.map((kind) => (
        <KindRow key={kind} kind={kind} mode={prefs.data[kind]} />
      ))}
    </div>
  );
}
