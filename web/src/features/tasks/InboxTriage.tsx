import type { Area, Member, TaskPage, TaskSummary } from '@leeway/core';
import { useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import type { TaskPatch } from './conflict.ts';
import { defaultDueTime, fromDueInputs, isOverdue, toDueInputs } from './due.ts';
import { conflictCurrent, useUpdateTask } from './hooks.ts';
import { sortedMembers } from './people.ts';
import { taskKeys } from './queries.ts';
import { mergeInboxRows, toTaskSummary } from './summary.ts';

interface InboxTriageProps {
  workspaceId: string;
  tasks: readonly TaskSummary[];
  areas: readonly Area[];
  members: readonly Member[];
  /** Owners triage; assistants see their inbox items without the pickers. */
  canTriage: boolean;
  timeZone: string;
}

type Field = 'area' | 'assignee' | 'due';

interface RowProps {
  task: TaskSummary;
  href: string;
  active: boolean;
  canTriage: boolean;
  areas: readonly Area[];
  members: readonly Member[];
  timeZone: string;
  saving: ReadonlySet<string>;
  conflicted: boolean;
  onFocusRow: () => void;
  onKey: (event: KeyboardEvent<HTMLLIElement>) => void;
  onSave: (patch: TaskPatch) => void;
  rowRef: (el: HTMLLIElement | null) => void;
}

function InboxRow({
  task,
  href,
  active,
  canTriage,
  areas,
  members,
  timeZone,
  saving,
  conflicted,
  onFocusRow,
  onKey,
  onSave,
  rowRef,
}: RowProps) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const titleId = useId();
  const metaId = useId();
  const savedDue = toDueInputs(task.dueAt, timeZone);
  const [dueDraft, setDueDraft] = useState(savedDue.date);
  const [dueInvalid, setDueInvalid] = useState(false);
  const area = areas.find((a) => a.id === task.areaId);
  const assignee = members.find((m) => m.userId === task.assigneeId);
  const openAreas = areas.filter((a) => a.archivedAt === null);

  useEffect(() => setDueDraft(savedDue.date), [savedDue.date]);

  function commitDue() {
    if (dueDraft === savedDue.date) return;
    const iso = fromDueInputs(dueDraft, savedDue.time || defaultDueTime, timeZone);
    if (iso === undefined) {
      setDueInvalid(true);
      return;
    }
    setDueInvalid(false);
    onSave({ dueAt: iso, dueTimeZone: iso === null ? null : timeZone });
  }

  const filed = task.areaId !== null;
  const overdue = isOverdue(task.dueAt, Date.now(), task.state);

  return (
    <li
      ref={rowRef}
      className={`inbox-row${active ? ' is-active' : ''}${filed ? ' is-filed' : ''}`}
      tabIndex={active ? 0 : -1}
      aria-labelledby={titleId}
      aria-describedby={metaId}
      data-testid="inbox-row"
      data-task-id={task.id}
      onFocus={onFocusRow}
      onKeyDown={onKey}
    >
      <div className="inbox-main">
        <Link id={titleId} to={href} className="inbox-title" tabIndex={-1} data-testid="inbox-open">
          {task.title}
        </Link>
        <span id={metaId} className="muted inbox-meta">
          {t('tasks.inbox.created', { date: format.date(task.createdAt) })}
          {task.dueAt && (
            <span className={overdue ? 'is-overdue' : undefined}>
              {' · '}
              {overdue
                ? t('tasks.inbox.overdue', { date: format.dateTime(task.dueAt) })
                : t('tasks.inbox.due', { date: format.dateTime(task.dueAt) })}
            </span>
          )}
          {filed && area && (
            <span className="inbox-filed">
              {' · '}
              {t('tasks.inbox.filed', { area: area.name })}
            </span>
          )}
        </span>
        {conflicted && (
          <span className="inbox-conflict" role="alert" data-testid="conflict-notice">
            {t('tasks.inbox.conflict')}
          </span>
        )}
      </div>
      {canTriage ? (
        <div className="inbox-fields">
          <select
            className="input select input-sm"
            value={task.areaId ?? ''}
            aria-label={t('tasks.inbox.areaOf', { title: task.title })}
            disabled={saving.has('areaId')}
            data-field="area"
            data-testid="inbox-area"
            onChange={(event) => {
              const areaId = event.target.value || null;
              const chosen = openAreas.find((a) => a.id === areaId);
              // Like a new task in an area: nobody assigned yet → the area's owner.
              onSave(
                chosen && task.assigneeId === null ? { areaId, assigneeId: chosen.ownerId } : { areaId },
              );
            }}
          >
            <option value="">{t('tasks.inbox.noArea')}</option>
            {openAreas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <select
            className="input select input-sm"
            value={task.assigneeId ?? ''}
            aria-label={t('tasks.inbox.assigneeOf', { title: task.title })}
            disabled={saving.has('assigneeId')}
            data-field="assignee"
            data-testid="inbox-assignee"
            onChange={(event) => onSave({ assigneeId: event.target.value || null })}
          >
            <option value="">{t('tasks.nobody')}</option>
            {sortedMembers(members).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
          <input
            type="date"
            className="input input-sm"
            value={dueDraft}
            aria-label={t('tasks.inbox.dueOf', { title: task.title })}
            aria-invalid={dueInvalid ? true : undefined}
            disabled={saving.has('dueAt')}
            data-field="due"
            data-testid="inbox-due"
            onChange={(event) => setDueDraft(event.target.value)}
            onBlur={commitDue}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                commitDue();
              }
            }}
          />
        </div>
      ) : (
        <dl className="inbox-readonly">
          <div>
            <dt>{t('tasks.fields.areaId')}</dt>
            <dd>{area?.name ?? t('tasks.inbox.noArea')}</dd>
          </div>
          <div>
            <dt>{t('tasks.fields.assigneeId')}</dt>
            <dd>{assignee?.name ?? t('tasks.nobody')}</dd>
          </div>
        </dl>
      )}
    </li>
  );
}

/**
 * The inbox, made for the keyboard: j/k or the arrow keys move between tasks, Enter opens one,
 * a/u/d jump to its area, assignee and due date. A filed task stays in view (marked) until the
 * page is left, so the cursor never jumps.
 */
export function InboxTriage({ workspaceId, tasks, areas, members, canTriage, timeZone }: InboxTriageProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateTask(workspaceId);
  const [kept, setKept] = useState<ReadonlyMap<string, TaskSummary>>(new Map());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [saving, setSaving] = useState<ReadonlyMap<string, ReadonlySet<string>>>(new Map());
  const [conflicts, setConflicts] = useState<ReadonlySet<string>>(new Set());
  const rowEls = useRef(new Map<string, HTMLLIElement>());

  const rows = mergeInboxRows(tasks, kept);
  const activeIndex = Math.max(
    0,
    rows.findIndex((r) => r.id === activeId),
  );
  const filedCount = rows.filter((r) => r.areaId !== null).length;

  function focusRow(index: number) {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setActiveId(row.id);
    rowEls.current.get(row.id)?.focus();
  }

  function setFieldsSaving(taskId: string, fields: string[], on: boolean) {
    setSaving((prev) => {
      const next = new Map(prev);
      const set = new Set(next.get(taskId) ?? []);
      for (const f of fields) {
        if (on) set.add(f);
        else set.delete(f);
      }
      next.set(taskId, set);
      return next;
    });
  }

  function save(task: TaskSummary, patch: TaskPatch) {
    const fields = Object.keys(patch);
    setFieldsSaving(task.id, fields, true);
    setConflicts((prev) => {
      const next = new Set(prev);
      next.delete(task.id);
      return next;
    });
    update
      .mutateAsync({ taskId: task.id, body: { version: task.version, ...patch } })
      .then((saved) => {
        const summary = toTaskSummary(saved);
        // Show the new values (and version) at once; the refetch follows.
        queryClient.setQueryData<TaskPage>(taskKeys.inbox(workspaceId), (page) =>
          page ? { ...page, items: page.items.map((i) => (i.id === saved.id ? summary : i)) } : page,
        );
        if (saved.areaId !== null || kept.has(saved.id)) {
          setKept((prev) => new Map(prev).set(saved.id, summary));
        }
        if (patch.areaId) {
          const area = areas.find((a) => a.id === saved.areaId);
          toast.success(t('tasks.inbox.filedToast', { title: saved.title, area: area?.name ?? '' }));
        }
      })
      .catch((error: unknown) => {
        const current = conflictCurrent(error);
        if (current) {
          // Show what is true now, and say so; nothing was overwritten.
          const summary = toTaskSummary(current);
          queryClient.setQueryData<TaskPage>(taskKeys.inbox(workspaceId), (page) =>
            page ? { ...page, items: page.items.map((i) => (i.id === current.id ? summary : i)) } : page,
          );
          if (kept.has(current.id)) setKept((prev) => new Map(prev).set(current.id, summary));
          setConflicts((prev) => new Set(prev).add(current.id));
          return;
        }
        toast.error(t(errorKey(error)));
      })
      .finally(() => setFieldsSaving(task.id, fields, false));
  }

  function onRowKey(index: number, task: TaskSummary, event: KeyboardEvent<HTMLLIElement>) {
    // Keys typed into a picker belong to the picker.
    if (event.target !== event.currentTarget || event.altKey || event.ctrlKey || event.metaKey) return;
    const focusField = (field: Field) => {
      const el = event.currentTarget.querySelector<HTMLElement>(`[data-field="${field}"]`);
      if (el) {
        event.preventDefault();
        el.focus();
      }
    };
    switch (event.key) {
      case 'j':
      case 'ArrowDown':
        event.preventDefault();
        focusRow(index + 1);
        break;
      case 'k':
      case 'ArrowUp':
        event.preventDefault();
        focusRow(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusRow(0);
        break;
      case 'End':
        event.preventDefault();
        focusRow(rows.length - 1);
        break;
      case 'Enter':
      case 'o':
        event.preventDefault();
        void navigate(`/w/${workspaceId}/tasks/${task.id}`);
        break;
      case 'a':
        if (canTriage) focusField('area');
        break;
      case 'u':
        if (canTriage) focusField('assignee');
        break;
      case 'd':
        if (canTriage) focusField('due');
        break;
      default:
    }
  }

  return (
    <div className="stack">
      <p className="muted inbox-keys" id="inbox-keys">
        {canTriage ? t('tasks.inbox.keysOwner') : t('tasks.inbox.keysAssistant')}
      </p>
      {filedCount > 0 && (
        <p className="muted" role="status">
          {t('tasks.inbox.filedCount', { count: filedCount })}
        </p>
      )}
      <ul className="list" aria-label={t('tasks.inbox.listLabel')} aria-describedby="inbox-keys">
        {rows.map((task, index) => (
          <InboxRow
            key={task.id}
            task={task}
            href={`/w/${workspaceId}/tasks/${task.id}`}
            active={index === activeIndex}
            canTriage={canTriage}
            areas={areas}
            members={members}
            timeZone={timeZone}
            saving={saving.get(task.id) ?? new Set()}
            conflicted={conflicts.has(task.id)}
            onFocusRow={() => setActiveId(task.id)}
            onKey={(event) => onRowKey(index, task, event)}
            onSave={(patch) => save(task, patch)}
            rowRef={(el) => {
              if (el) rowEls.current.set(task.id, el);
              else rowEls.current.delete(task.id);
            }}
          />
        ))}
      </ul>
    </div>
  );
}
