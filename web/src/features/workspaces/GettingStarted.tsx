import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CheckIcon } from '../../ui/icons.tsx';

interface Step {
  key: 'createArea' | 'inviteAssistant' | 'createTask';
  done: boolean;
  to?: string;
}

/**
 * The first-time owner's checklist (DESIGN §14). Only "invite an assistant" can be done today;
 * the other steps are listed plainly, without a link, until their screens exist.
 */
export function GettingStarted({ workspaceId, inviteDone }: { workspaceId: string; inviteDone: boolean }) {
  const { t } = useTranslation();
  const steps: Step[] = [
    { key: 'createArea', done: false },
    { key: 'inviteAssistant', done: inviteDone, to: `/w/${workspaceId}/members` },
    { key: 'createTask', done: false },
  ];
  const doneCount = steps.filter((s) => s.done).length;

  return (
    <section className="card" aria-labelledby="getting-started-title" data-testid="getting-started">
      <div className="card-header">
        <h2 id="getting-started-title">{t('home.checklist.title')}</h2>
        <span className="muted">
          {t('home.checklist.progress', { done: doneCount, total: steps.length })}
        </span>
      </div>
      <ol className="checklist">
        {steps.map((step) => (
          <li
            key={step.key}
            className={`checklist-item${step.done ? ' is-done' : ''}`}
            data-testid={`checklist-${step.key}`}
            data-done={step.done}
          >
            <span className="checklist-mark">{step.done ? <CheckIcon /> : null}</span>
            <span className="checklist-text">
              {step.to && !step.done ? (
                <Link to={step.to}>{t(`home.checklist.${step.key}.title`)}</Link>
              ) : (
                <span className="checklist-title">{t(`home.checklist.${step.key}.title`)}</span>
              )}
              <span className="checklist-desc">{t(`home.checklist.${step.key}.description`)}</span>
              <span className="visually-hidden">
                {step.done ? t('home.checklist.stateDone') : t('home.checklist.stateOpen')}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
