import type { Member, TaskSummary } from '@leeway/core';
import type { CSSProperties, HTMLAttributes, KeyboardEvent, MouseEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { initials } from '../../lib/format.ts';
import {
  BlockedIcon,
  ChecklistIcon,
  ClockIcon,
  CommentIcon,
  FlagIcon,
  PaperclipIcon,
  RepeatIcon,
} from '../../ui/icons.tsx';
import { type DueContext, formatDue, formatDueLong, isOverdue } from './due-format.ts';

export interface TaskCardProps {
  task: TaskSummary;
  workspaceId: string;
  members: ReadonlyMap<string, Member>;
  due: DueContext;
  /** Extra classes: `is-dragging` (its ghost while dragged), `is-lifted` (picked up by keyboard). */
  className?: string;
  style?: CSSProperties | undefined;
  cardRef?: Ref<HTMLElement>;
  /** Pointer listeners of the drag sensor. */
  dragListeners?: HTMLAttributes<HTMLElement>;
  onLinkKeyDown?: (event: KeyboardEvent<HTMLAnchorElement>) => void;
  onLinkClick?: (event: MouseEvent<HTMLAnchorElement>) => void;
  /** Id of the element explaining how to move the card with the keyboard. */
  describedBy?: string;
  /** The floating copy under the pointer: not a link, not focusable. */
  overlay?: boolean;
}

/** The "blocked" mark, alike on cards, list rows and my week (a word, not only a colour). */
export function BlockedFlag() {
  const { t } = useTranslation();
  return (
    <span className="task-card-flag task-card-blocked">
      <BlockedIcon />
      {t('board.card.blocked')}
    </span>
  );
}

/**
 * The compact board card. The title is the one link (it covers the whole card), so the card
 * opens with a click or Enter and can be opened in a new tab; Space picks it up to move it.
 */
export function TaskCard({
  task,
  workspaceId,
  members,
  due,
  className,
  style,
  cardRef,
  dragListeners,
  onLinkKeyDown,
  onLinkClick,
  describedBy,
  overlay = false,
}: TaskCardProps) {
  const { t } = useTranslation();
  const assignee = task.assigneeId ? members.get(task.assigneeId) : undefined;
  const overdue = isOverdue(task, due.now);
  const priority = task.priority !== 'none' ? task.priority : null;
  const classes = ['task-card', priority ? `priority-${priority}` : '', className ?? '']
    .filter(Boolean)
    .join(' ');

  return (
    <article
      ref={cardRef}
      className={classes}
      style={style}
      data-testid={overlay ? 'task-card-overlay' : 'task-card'}
      data-task-id={task.id}
      {...dragListeners}
    >
      <h3 className="task-card-title">
        {overlay ? (
          <span>{task.title}</span>
        ) : (
          <Link
            to={`/w/${workspaceId}/tasks/${task.id}`}
            className="task-card-link"
            onKeyDown={onLinkKeyDown}
            onClick={onLinkClick}
            aria-describedby={describedBy}
            draggable={false}
          >
            {task.title}
          </Link>
        )}
      </h3>
      <div className="task-card-meta">
        {priority && (
          <span
            className={`task-card-priority priority-${priority}`}
            title={t(`tasks.priorities.${priority}`)}
          >
            <FlagIcon />
            <span className="visually-hidden">
              {t('board.card.priority', { priority: t(`tasks.priorities.${priority}`) })}
            </span>
          </span>
        )}
        {task.blocked && <BlockedFlag />}
        {task.dueAt && (
          <span
            className={`task-card-flag task-card-due${overdue ? ' is-overdue' : ''}`}
            title={formatDueLong(task.dueAt, due)}
          >
            <ClockIcon />
            <span className="visually-hidden">
              {overdue ? t('board.card.overdue') : t('board.card.due')}{' '}
            </span>
            <time dateTime={task.dueAt}>{formatDue(task.dueAt, due)}</time>
          </span>
        )}
        {task.checklistTotal > 0 && (
          <span
            className={`task-card-count${task.checklistDone === task.checklistTotal ? ' is-complete' : ''}`}
            title={t('board.card.checklist', { done: task.checklistDone, total: task.checklistTotal })}
          >
            <ChecklistIcon />
            <span aria-hidden="true">
              {task.checklistDone}/{task.checklistTotal}
            </span>
            <span className="visually-hidden">
              {t('board.card.checklist', { done: task.checklistDone, total: task.checklistTotal })}
            </span>
          </span>
        )}
        {task.commentCount > 0 && (
          <span className="task-card-count" title={t('board.card.comments', { count: task.commentCount })}>
            <CommentIcon />
            <span aria-hidden="true">{task.commentCount}</span>
            <span className="visually-hidden">{t('board.card.comments', { count: task.commentCount })}</span>
          </span>
        )}
        {task.attachmentCount > 0 && (
          <span
            className="task-card-count"
            title={t('board.card.attachments', { count: task.attachmentCount })}
          >
            <PaperclipIcon />
            <span aria-hidden="true">{task.attachmentCount}</span>
            <span className="visually-hidden">
              {t('board.card.attachments', { count: task.attachmentCount })}
            </span>
          </span>
        )}
        {task.recurring && (
          <span className="task-card-count" title={t('board.card.recurring')}>
            <RepeatIcon />
            <span className="visually-hidden">{t('board.card.recurring')}</span>
          </span>
        )}
        <span className="task-card-spacer" />
        {task.assigneeId && (
          <span
            className="avatar avatar-sm"
            title={t('board.card.assignee', { name: assignee?.name ?? t('board.card.formerMember') })}
          >
            <span aria-hidden="true">{assignee ? initials(assignee.name) : '?'}</span>
            <span className="visually-hidden">
              {t('board.card.assignee', { name: assignee?.name ?? t('board.card.formerMember') })}
            </span>
          </span>
        )}
      </div>
    </article>
  );
}
