import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useRequiredUser } from '../features/auth/session.ts';
import { AskQuestionDialog } from '../features/questions/AskQuestionDialog.tsx';
import { useQuestion, useQuestions } from '../features/questions/hooks.ts';
import { QuestionCard } from '../features/questions/QuestionCard.tsx';
import {
  defaultTab,
  isOverdue,
  isQuestionTab,
  type QuestionTab,
  questionTabs,
  sortQuestions,
  tabQuery,
} from '../features/questions/question-view.ts';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { PlusIcon } from '../ui/icons.tsx';
import { LoadingState, Spinner } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import '../features/tasks/controls.css';
import '../features/tasks/tasks.css';
import '../features/questions/questions.css';

/** One line on top: what waits, and for how long (assistants: their questions; principals: for them). */
function Summary({ workspaceId, tab }: { workspaceId: string; tab: 'mine' | 'forMe' }) {
  const { t } = useTranslation();
  const query = tab === 'mine' ? { mine: 'true' as const, status: 'open' as const } : tabQuery('forMe');
  const questions = useQuestions(workspaceId, query);
  if (!questions.data) return null;
  const open = questions.data.filter((q) => q.status === 'open');
  const longest = open.reduce((max, q) => Math.max(max, q.waitingHours), 0);
  const overdue = open.filter(isOverdue).length;
  const key = tab === 'mine' ? 'mine' : 'forMe';
  return (
    <div className={`qst-summary${overdue > 0 ? ' qst-summary-overdue' : ''}`} data-testid="question-summary">
      <p className="qst-summary-main">
        {open.length === 0
          ? t(`questions.summary.${key}None`)
          : t(`questions.summary.${key}`, { count: open.length })}
        {open.length > 0 && longest >= 1 && ` ${t('questions.summary.longest', { count: longest })}`}
      </p>
      {overdue > 0 && (
        <p className="qst-summary-note">{t('questions.summary.overdue', { count: overdue })}</p>
      )}
    </div>
  );
}

/** Questions (DESIGN §7): async first, so every question is seen and how long it waits is plain. */
export function QuestionsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const toast = useToast();
  const people = useMemberMap(workspace.id);
  const [params, setParams] = useSearchParams();
  const [asking, setAsking] = useState(false);
  usePageTitle(t('questions.title'));

  const tabParam = params.get('tab');
  const tab: QuestionTab = isQuestionTab(tabParam) ? tabParam : defaultTab(workspace.role);
  const linkedId = params.get('question');
  const linked = useQuestion(workspace.id, linkedId);
  const questions = useQuestions(workspace.id, tabQuery(tab));
  const list = sortQuestions(questions.data ?? []).filter((q) => q.id !== linkedId);

  // A notification's link: bring the question into view once it has loaded.
  const linkedLoaded = linked.data?.id;
  useEffect(() => {
    if (!linkedLoaded) return;
    const element = document.getElementById(`question-${linkedLoaded}`);
    element?.scrollIntoView({ block: 'start' });
    element?.focus({ preventScroll: true });
  }, [linkedLoaded]);

  function tabLink(next: QuestionTab) {
    const search = new URLSearchParams(params);
    search.set('tab', next);
    search.delete('question');
    return `?${search.toString()}`;
  }

  const askButton = (testId: string) => (
    <Button variant="primary" icon={<PlusIcon />} onClick={() => setAsking(true)} data-testid={testId}>
      {t('questions.ask.open')}
    </Button>
  );

  return (
    <div className="stack-lg qst-page">
      <div className="page-header">
        <div>
          <h1>{t('questions.title')}</h1>
          <p className="muted">{t('questions.intro')}</p>
        </div>
        {askButton('question-ask')}
      </div>

      <Summary workspaceId={workspace.id} tab={workspace.role === 'assistant' ? 'mine' : 'forMe'} />

      {linkedId && (
        <section className="stack" aria-labelledby="qst-linked-title">
          <div className="qst-linked-header">
            <h2 id="qst-linked-title">{t('questions.linkedTitle')}</h2>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                const next = new URLSearchParams(params);
                next.delete('question');
                setParams(next, { replace: true });
              }}
            >
              {t('questions.linkedClose')}
            </Button>
          </div>
          {linked.isPending ? (
            <Spinner />
          ) : linked.isError ? (
            <ErrorState message={t(errorKey(linked.error))} onRetry={() => void linked.refetch()} />
          ) : (
            <ul className="qst-list">
              <QuestionCard
                workspaceId={workspace.id}
                question={linked.data}
                members={people.byId}
                userId={user.id}
                highlighted
              />
            </ul>
          )}
        </section>
      )}

      <section className="stack" aria-labelledby="qst-list-title">
        <h2 id="qst-list-title" className="visually-hidden">
          {t(`questions.tabs.${tab}`)}
        </h2>
        <nav className="tabs qst-tabs" aria-label={t('questions.tabs.label')}>
          {questionTabs.map((name) => (
            <Link
              key={name}
              to={tabLink(name)}
              replace
              className="tab"
              aria-current={name === tab ? 'page' : undefined}
              data-testid={`question-tab-${name}`}
            >
              {t(`questions.tabs.${name}`)}
            </Link>
          ))}
          {questions.isFetching && !questions.isPending && <Spinner size="sm" />}
        </nav>
        {questions.isPending ? (
          <LoadingState />
        ) : questions.isError ? (
          <ErrorState
            message={t(errorKey(questions.error))}
            onRetry={() => void questions.refetch()}
            retrying={questions.isFetching}
          />
        ) : list.length === 0 ? (
          <EmptyState
            title={t(`questions.empty.${tab}Title`)}
            action={tab === 'mine' || tab === 'open' ? askButton('question-ask-empty') : undefined}
          >
            {t(`questions.empty.${tab}Body`)}
          </EmptyState>
        ) : (
          <ul className="qst-list" data-testid="question-list">
            {list.map((question) => (
              <QuestionCard
                key={question.id}
                workspaceId={workspace.id}
                question={question}
                members={people.byId}
                userId={user.id}
              />
            ))}
          </ul>
        )}
      </section>

      {asking && (
        <AskQuestionDialog
          workspaceId={workspace.id}
          onClose={() => setAsking(false)}
          onAsked={() => {
            setAsking(false);
            toast.success(t('questions.asked'));
            if (tab !== 'mine' && tab !== 'open') setParams({ tab: 'mine' }, { replace: true });
          }}
        />
      )}
    </div>
  );
}
