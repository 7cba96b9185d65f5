import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { LoadingState, Spinner } from '../../ui/Spinner.tsx';
import { sortedMembers, useMemberMap } from '../tasks/people.ts';
import { CheckInCard } from './CheckInCard.tsx';
import { useCheckIns } from './hooks.ts';
import { useWeekLabel } from './use-week-label.ts';
import { groupByWeek } from './week.ts';

/**
 * A principal's view: everyone's check-ins by week, newest first. What the assistants wrote,
 * nothing more: blockers and "discuss" stand out, low autonomy is a signal to offer help.
 */
export function TeamCheckIns({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const week = useWeekLabel();
  const people = useMemberMap(workspaceId);
  const [params, setParams] = useSearchParams();
  const memberId = params.get('member') ?? '';
  const checkIns = useCheckIns(workspaceId, memberId ? { memberId } : {});
  const assistants = sortedMembers(people.members).filter((m) => m.role === 'assistant');
  const groups = groupByWeek(checkIns.data ?? []);

  return (
    <div className="stack-lg">
      <p className="chk-fairness" data-testid="checkin-hint">
        {t('checkins.team.hint')}
      </p>
      <div className="chk-filters">
        <SelectField
          label={t('checkins.team.member')}
          value={memberId}
          data-testid="checkin-filter-member"
          onChange={(event) => {
            const next = new URLSearchParams(params);
            if (event.target.value) next.set('member', event.target.value);
            else next.delete('member');
            setParams(next, { replace: true });
          }}
          options={[
            { value: '', label: t('checkins.team.everyone') },
            ...assistants.map((m) => ({ value: m.userId, label: m.name })),
          ]}
        />
        {checkIns.isFetching && !checkIns.isPending && <Spinner size="sm" />}
      </div>
      {checkIns.isPending ? (
        <LoadingState />
      ) : checkIns.isError ? (
        <ErrorState
          message={t(errorKey(checkIns.error))}
          onRetry={() => void checkIns.refetch()}
          retrying={checkIns.isFetching}
        />
      ) : groups.length === 0 ? (
        !people.isPending && assistants.length === 0 ? (
          <EmptyState
            title={t('checkins.team.noAssistantsTitle')}
            action={
              <Link className="button button-primary" to={`/w/${workspaceId}/members`}>
                {t('checkins.team.invite')}
              </Link>
            }
          >
            {t('checkins.team.noAssistantsBody')}
          </EmptyState>
        ) : (
          <EmptyState title={t('checkins.team.emptyTitle')}>{t('checkins.team.emptyBody')}</EmptyState>
        )
      ) : (
        groups.map((group) => (
          <section key={group.week} className="stack" aria-labelledby={`chk-week-${group.week}`}>
            <h2 id={`chk-week-${group.week}`} className="chk-week-title">
              {week.label(group.week)}
            </h2>
            <ul className="chk-list">
              {group.checkIns.map((checkIn) => (
                <CheckInCard key={checkIn.id} checkIn={checkIn} show="member" />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
