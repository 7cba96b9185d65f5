import { contributingFactorKinds, type LessonListQuery } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAreas } from '../features/areas/hooks.ts';
import { useRequiredUser } from '../features/auth/session.ts';
import { FactorChart } from '../features/lessons/FactorChart.tsx';
import { useLessonStats, useLessons } from '../features/lessons/hooks.ts';
import { LessonFormDialog } from '../features/lessons/LessonFormDialog.tsx';
import { LessonList } from '../features/lessons/LessonList.tsx';
import { OpenFollowUps } from '../features/lessons/OpenFollowUps.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { SelectField } from '../ui/Field.tsx';
import { PlusIcon } from '../ui/icons.tsx';
import { LoadingState, Spinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import '../features/tasks/controls.css';
import '../features/lessons/lessons.css';

export function LessonsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const navigate = useNavigate();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const [writing, setWriting] = useState(false);
  usePageTitle(t('lessons.title'));

  const areaId = params.get('area') ?? '';
  const factorParam = params.get('factor') ?? '';
  const factor = contributingFactorKinds.find((k) => k === factorParam);
  const openOnly = params.get('open') === 'true';
  const query: LessonListQuery = {
    ...(areaId ? { areaId } : {}),
    ...(factor ? { factor } : {}),
    ...(openOnly ? { openFollowUps: 'true' as const } : {}),
  };
  const filtered = Object.keys(query).length > 0;
  const lessons = useLessons(workspace.id, query);
  const stats = useLessonStats(workspace.id);
  const areas = useAreas(workspace.id);
  const people = useMemberMap(workspace.id);

  function setFilter(key: string, value: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }

  const newButton = (testId: string) => (
    <Button variant="primary" icon={<PlusIcon />} onClick={() => setWriting(true)} data-testid={testId}>
      {t('lessons.new')}
    </Button>
  );

  return (
    <div className="stack-lg">
      <div className="page-header">
        <div>
          <h1>{t('lessons.title')}</h1>
          <p className="muted">{t('lessons.intro')}</p>
        </div>
        {newButton('lesson-new')}
      </div>

      <section className="card stack" aria-labelledby="lsn-followups-title">
        <h2 id="lsn-followups-title">{t('lessons.followUps.openTitle')}</h2>
        <OpenFollowUps workspaceId={workspace.id} members={people.byId} timeZone={user.timeZone} />
      </section>

      <section className="stack" aria-labelledby="lsn-list-title">
        <h2 id="lsn-list-title">{t('lessons.listTitle')}</h2>
        <div className="lsn-filters">
          <SelectField
            label={t('lessons.filters.area')}
            value={areaId}
            data-testid="lesson-filter-area"
            onChange={(event) => setFilter('area', event.target.value)}
            options={[
              { value: '', label: t('lessons.filters.allAreas') },
              ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <SelectField
            label={t('lessons.filters.factor')}
            value={factor ?? ''}
            data-testid="lesson-filter-factor"
            onChange={(event) => setFilter('factor', event.target.value)}
            options={[
              { value: '', label: t('lessons.filters.allFactors') },
              ...contributingFactorKinds.map((k) => ({ value: k, label: t(`lessons.factors.${k}`) })),
            ]}
          />
          <label className="check lsn-filter-check">
            <input
              type="checkbox"
              checked={openOnly}
              data-testid="lesson-filter-open"
              onChange={(event) => setFilter('open', event.target.checked ? 'true' : '')}
            />
            {t('lessons.filters.openOnly')}
          </label>
          {lessons.isFetching && !lessons.isPending && <Spinner size="sm" />}
        </div>
        {lessons.isPending ? (
          <LoadingState />
        ) : lessons.isError ? (
          <ErrorState
            message={t(errorKey(lessons.error))}
            onRetry={() => void lessons.refetch()}
            retrying={lessons.isFetching}
          />
        ) : lessons.data.length === 0 ? (
          filtered ? (
            <EmptyState
              title={t('lessons.empty.filteredTitle')}
              action={
                <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                  {t('lessons.filters.clear')}
                </Button>
              }
            />
          ) : (
            <EmptyState title={t('lessons.empty.title')} action={newButton('lesson-new-empty')}>
              {t('lessons.empty.body')}
            </EmptyState>
          )
        ) : (
          <LessonList
            workspaceId={workspace.id}
            lessons={lessons.data}
            areas={areas.data ?? []}
            timeZone={user.timeZone}
          />
        )}
      </section>

      <section className="card stack" aria-labelledby="lsn-chart-title">
        <h2 id="lsn-chart-title">{t('lessons.chart.title')}</h2>
        <p className="muted">{t('lessons.chart.intro')}</p>
        {stats.isPending ? (
          <Spinner />
        ) : stats.isError ? (
          <ErrorState
            message={t(errorKey(stats.error))}
            onRetry={() => void stats.refetch()}
            retrying={stats.isFetching}
          />
        ) : (
          <FactorChart stats={stats.data} />
        )}
      </section>

      {writing && (
        <LessonFormDialog
          workspaceId={workspace.id}
          onClose={() => setWriting(false)}
          onSaved={(lesson) => {
            setWriting(false);
            toast.success(t('lessons.saved'));
            void navigate(`/w/${workspace.id}/lessons/${lesson.id}`);
          }}
        />
      )}
    </div>
  );
}
