import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useRequiredUser } from '../auth/session.ts';
import { useMemberMap } from '../tasks/people.ts';
import { AskQuestionDialog } from './AskQuestionDialog.tsx';
import { useQuestions } from './hooks.ts';
import { QuestionCard } from './QuestionCard.tsx';
import { sortQuestions } from './question-view.ts';
import './questions.css';

/** The questions of one task, on the task page: asking here blocks the task until it is answered. */
export function TaskQuestions({
  workspaceId,
  taskId,
  taskTitle,
}: {
  workspaceId: string;
  taskId: string;
  taskTitle: string;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const user = useRequiredUser();
  const people = useMemberMap(workspaceId);
  const questions = useQuestions(workspaceId, { taskId });
  const [asking, setAsking] = useState(false);
  const id = useId();
  const list = sortQuestions(questions.data ?? []);
  const open = list.filter((q) => q.status === 'open').length;

  return (
    <section
      className="task-section qst-task-section"
      aria-labelledby={`${id}-title`}
      data-testid="task-questions"
    >
      <div className="section-header">
        <h2 id={`${id}-title`} className="section-title">
          {t('questions.task.title')}
          {open > 0 && (
            <span className="badge badge-blocked qst-count">
              {t('questions.task.openCount', { count: open })}
            </span>
          )}
        </h2>
        <Button size="sm" icon={<PlusIcon />} onClick={() => setAsking(true)} data-testid="task-question-ask">
          {t('questions.task.ask')}
        </Button>
      </div>
      <p className="muted qst-hint">{t('questions.task.hint')}</p>
      {questions.isPending ? (
        <Spinner />
      ) : questions.isError ? (
        <ErrorState
          message={t(errorKey(questions.error))}
          onRetry={() => void questions.refetch()}
          retrying={questions.isFetching}
        />
      ) : list.length === 0 ? (
        <p className="muted">{t('questions.task.empty')}</p>
      ) : (
        <ul className="qst-list">
          {list.map((question) => (
            <QuestionCard
              key={question.id}
              workspaceId={workspaceId}
              question={question}
              members={people.byId}
              userId={user.id}
              showTask={false}
            />
          ))}
        </ul>
      )}
      {asking && (
        <AskQuestionDialog
          workspaceId={workspaceId}
          task={{ id: taskId, title: taskTitle }}
          onClose={() => setAsking(false)}
          onAsked={() => {
            setAsking(false);
            toast.success(t('questions.asked'));
          }}
        />
      )}
    </section>
  );
}
