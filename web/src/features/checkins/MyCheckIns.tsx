import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState, Spinner } from '../../ui/Spinner.tsx';
import { CheckInCard } from './CheckInCard.tsx';
import { CheckInForm } from './CheckInForm.tsx';
import { useCheckIns, useMyCheckIn } from './hooks.ts';
import { ReminderCard } from './ReminderCard.tsx';

/** An assistant's check-in page: this week's form, the reminder, and what they sent before. */
export function MyCheckIns({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const mine = useMyCheckIn(workspaceId);
  const history = useCheckIns(workspaceId, {});

  if (mine.isPending) return <LoadingState />;
  if (mine.isError)
    return (
      <ErrorState
        message={t(errorKey(mine.error))}
        onRetry={() => void mine.refetch()}
        retrying={mine.isFetching}
      />
    );

  const past = (history.data ?? [])
    .filter((c) => c.week !== mine.data.week)
    .sort((a, b) => b.week.localeCompare(a.week));

  return (
    <div className="stack-lg">
      <CheckInForm
        key={mine.data.week}
        workspaceId={workspaceId}
        week={mine.data.week}
        current={mine.data.current}
      />
      <ReminderCard
        key={mine.data.reminder ? `${mine.data.reminder.weekday}-${mine.data.reminder.time}` : 'none'}
        workspaceId={workspaceId}
        reminder={mine.data.reminder}
      />
      <section className="stack" aria-labelledby="chk-past-title">
        <h2 id="chk-past-title">{t('checkins.past.title')}</h2>
        {history.isPending ? (
          <Spinner />
        ) : history.isError ? (
          <ErrorState
            message={t(errorKey(history.error))}
            onRetry={() => void history.refetch()}
            retrying={history.isFetching}
          />
        ) : past.length === 0 ? (
          <p className="muted">{t('checkins.past.empty')}</p>
        ) : (
          <ul className="chk-list">
            {past.map((checkIn) => (
              <CheckInCard key={checkIn.id} checkIn={checkIn} show="week" />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
