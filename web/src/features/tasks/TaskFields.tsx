import { priorities, type TaskState, taskLimits, taskStates } from '@leeway/core';
import { type FocusEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromDueInputs, toDueInputs } from './due.ts';
import { isPriority, isTaskState } from './enums.ts';
import { sortedMembers } from './people.ts';
import { useTaskEdit } from './task-edit.ts';

/** One labelled row of the details panel. */
function DetailRow({ label, htmlFor, children }: { label: string; htmlFor?: string; children: ReactNode }) {
  return (
    <div className="detail-row">
      {htmlFor ? (
        <label className="detail-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="detail-label">{label}</span>
      )}
      <div className="detail-value">{children}</div>
    </div>
  );
}

export function StateField() {
  const { t } = useTranslation();
  const { task, save, savingFields } = useTaskEdit();
  const id = useId();
  return (
    <DetailRow label={t('tasks.fields.state')} htmlFor={id}>
      <select
        id={id}
        className={`input select input-sm state-select state-${task.state}`}
        value={task.state}
        disabled={savingFields.has('state')}
        data-testid="task-state"
        onChange={(event) => {
          if (isTaskState(event.target.value)) save({ state: event.target.value }, task);
        }}
      >
        {taskStates.map((state: TaskState) => (
          <option key={state} value={state}>
            {t(`tasks.states.${state}`)}
          </option>
        ))}
      </select>
    </DetailRow>
  );
}

export function PriorityField() {
  const { t } = useTranslation();
  const { task, save, savingFields } = useTaskEdit();
  const id = useId();
  return (
    <DetailRow label={t('tasks.fields.priority')} htmlFor={id}>
      <select
        id={id}
        className="input select input-sm"
        value={task.priority}
        disabled={savingFields.has('priority')}
        data-testid="task-priority"
        onChange={(event) => {
          if (isPriority(event.target.value)) save({ priority: event.target.value }, task);
        }}
      >
        {priorities.map((p) => (
          <option key={p} value={p}>
            {t(`tasks.priorities.${p}`)}
          </option>
        ))}
      </select>
    </DetailRow>
  );
}

export function AreaField() {
  const { t } = useTranslation();
  const { task, areas, save, savingFields } = useTaskEdit();
  const id = useId();
  const options = areas.filter((a) => a.archivedAt === null || a.id === task.areaId);
  const known = task.areaId === null || options.some((a) => a.id === task.areaId);
  return (
    <DetailRow label={t('tasks.fields.areaId')} htmlFor={id}>
      <select
        id={id}
        className="input select input-sm"
        value={task.areaId ?? ''}
        disabled={savingFields.has('areaId')}
        data-testid="task-area"
        onChange={(event) => save({ areaId: event.target.value || null }, task)}
      >
        <option value="">{t('tasks.noArea')}</option>
        {!known && task.areaId && <option value={task.areaId}>{t('tasks.unknownArea')}</option>}
        {options.map((area) => (
          <option key={area.id} value={area.id}>
            {area.archivedAt ? t('tasks.archivedArea', { name: area.name }) : area.name}
          </option>
        ))}
      </select>
    </DetailRow>
  );
}

export function AssigneeField() {
  const { t } = useTranslation();
  const { task, members, save, savingFields } = useTaskEdit();
  const id = useId();
  const known = task.assigneeId === null || members.some((m) => m.userId === task.assigneeId);
  return (
    <DetailRow label={t('tasks.fields.assigneeId')} htmlFor={id}>
      <select
        id={id}
        className="input select input-sm"
        value={task.assigneeId ?? ''}
        disabled={savingFields.has('assigneeId')}
        data-testid="task-assignee"
        onChange={(event) => save({ assigneeId: event.target.value || null }, task)}
      >
        <option value="">{t('tasks.nobody')}</option>
        {!known && task.assigneeId && <option value={task.assigneeId}>{t('tasks.formerMember')}</option>}
        {sortedMembers(members).map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </select>
    </DetailRow>
  );
}

export function BlockedField() {
  const { t } = useTranslation();
  const { task, save, savingFields } = useTaskEdit();
  const [reason, setReason] = useState(task.blockedReason);
  const [editingReason, setEditingReason] = useState(false);
  const baseRef = useRef(task);
  const reasonId = useId();
  const tooLong = reason.length > taskLimits.blockedReasonMax;

  // Follow the saved reason unless the person is typing one.
  useEffect(() => {
    if (!editingReason) setReason(task.blockedReason);
  }, [task.blockedReason, editingReason]);

  function saveReason() {
    if (tooLong) return;
    const next = reason.trim();
    if (next === task.blockedReason) {
      setEditingReason(false);
      return;
    }
    save({ blocked: true, blockedReason: next }, baseRef.current, {
      onSuccess: () => setEditingReason(false),
      onConflict: (current) => {
        baseRef.current = current;
      },
    });
  }

  return (
    <DetailRow label={t('tasks.fields.blocked')}>
      <label className="check">
        <input
          type="checkbox"
          checked={task.blocked}
          disabled={savingFields.has('blocked')}
          data-testid="task-blocked"
          onChange={(event) => {
            const blocked = event.target.checked;
            save(blocked ? { blocked, blockedReason: reason.trim() } : { blocked }, task);
          }}
        />
        <span>{task.blocked ? t('tasks.blockedYes') : t('tasks.blockedNo')}</span>
      </label>
      {task.blocked && (
        <div className="field">
          <label className="visually-hidden" htmlFor={reasonId}>
            {t('tasks.fields.blockedReason')}
          </label>
          <input
            id={reasonId}
            className="input input-sm"
            value={reason}
            placeholder={t('tasks.blockedReasonPlaceholder')}
            aria-invalid={tooLong ? true : undefined}
            data-testid="task-blocked-reason"
            onFocus={() => {
              if (!editingReason) baseRef.current = task;
              setEditingReason(true);
            }}
            onChange={(event) => setReason(event.target.value)}
            onBlur={saveReason}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                saveReason();
              }
              if (event.key === 'Escape') {
                setReason(task.blockedReason);
                setEditingReason(false);
              }
            }}
          />
          {tooLong && (
            <p className="field-error">{t('validation.tooLong', { max: taskLimits.blockedReasonMax })}</p>
          )}
        </div>
      )}
    </DetailRow>
  );
}

/**
 * Due date and time, entered and shown in the person's own zone. Saved when focus leaves the
 * pair (a half-typed year must not be sent), or on Enter.
 */
export function DueField() {
  const { t } = useTranslation();
  const { task, timeZone, save, savingFields } = useTaskEdit();
  const saved = toDueInputs(task.dueAt, timeZone);
  const [draft, setDraft] = useState(saved);
  const [dirty, setDirty] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const baseRef = useRef(task);
  const dateId = useId();
  const timeId = useId();
  const hintId = useId();

  useEffect(() => {
    if (!dirty) setDraft(toDueInputs(task.dueAt, timeZone));
  }, [task.dueAt, timeZone, dirty]);

  function commit(next = draft) {
    const iso = fromDueInputs(next.date, next.time, timeZone);
    if (iso === undefined) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const unchanged =
      iso === null ? task.dueAt === null : task.dueAt !== null && Date.parse(iso) === Date.parse(task.dueAt);
    if (unchanged) {
      setDirty(false);
      return;
    }
    save({ dueAt: iso, dueTimeZone: iso === null ? null : timeZone }, baseRef.current, {
      onSuccess: () => setDirty(false),
      onConflict: (current) => {
        baseRef.current = current;
      },
    });
  }

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    const next = event.relatedTarget;
    if (next instanceof Node && event.currentTarget.contains(next)) return;
    if (dirty) commit();
  }

  function change(next: { date: string; time: string }) {
    if (!dirty) baseRef.current = task;
    setDirty(true);
    setInvalid(false);
    setDraft(next);
  }

  const otherZone = task.dueAt && task.dueTimeZone && task.dueTimeZone !== timeZone ? task.dueTimeZone : null;
  const otherWall = otherZone && task.dueAt ? toDueInputs(task.dueAt, otherZone) : null;

  return (
    <DetailRow label={t('tasks.fields.dueAt')}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the pair saves when focus leaves both inputs. */}
      <div className="due-field" onBlur={onBlur}>
        <div className="due-inputs">
          <label className="visually-hidden" htmlFor={dateId}>
            {t('tasks.dueDate')}
          </label>
          <input
            id={dateId}
            type="date"
            className="input input-sm"
            value={draft.date}
            aria-describedby={hintId}
            aria-invalid={invalid ? true : undefined}
            disabled={savingFields.has('dueAt')}
            data-testid="task-due-date"
            onChange={(event) => change({ ...draft, date: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                commit();
              }
            }}
          />
          <label className="visually-hidden" htmlFor={timeId}>
            {t('tasks.dueTime')}
          </label>
          <input
            id={timeId}
            type="time"
            className="input input-sm"
            value={draft.time}
            aria-describedby={hintId}
            disabled={savingFields.has('dueAt') || draft.date === ''}
            data-testid="task-due-time"
            onChange={(event) => change({ ...draft, time: event.target.value })}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                commit();
              }
            }}
          />
        </div>
        <p className="field-hint" id={hintId}>
          {t('tasks.dueZone', { zone: timeZone.replaceAll('_', ' ') })}
          {otherZone && otherWall && (
            <>
              {' '}
              {t('tasks.dueOtherZone', {
                zone: otherZone.replaceAll('_', ' '),
                date: otherWall.date,
                time: otherWall.time,
              })}
            </>
          )}
        </p>
        {invalid && <p className="field-error">{t('tasks.dueInvalid')}</p>}
        <div className="due-actions">
          {dirty && (
            <button type="button" className="link-button" onClick={() => commit()}>
              {t('common.save')}
            </button>
          )}
          {(task.dueAt || draft.date) && (
            <button
              type="button"
              className="link-button"
              data-testid="task-due-clear"
              onClick={() => {
                const next = { date: '', time: '' };
                baseRef.current = task;
                setDraft(next);
                setDirty(true);
                commit(next);
              }}
            >
              {t('tasks.dueClear')}
            </button>
          )}
        </div>
      </div>
    </DetailRow>
  );
}
