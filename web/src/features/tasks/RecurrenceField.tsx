import {
  firstOccurrences,
  type RecurrenceMode,
  type RuleWeekday,
  recurrenceModes,
  ruleWeekdays,
} from '@leeway/core';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import { Button } from '../../ui/Button.tsx';
import {
  customRuleProblem,
  presetToRule,
  type RecurrencePreset,
  type RecurrencePresetKind,
  recurrencePresetKinds,
  ruleToPreset,
  weekdayOf,
} from './recurrence-presets.ts';
import { useTaskEdit } from './task-edit.ts';

function isPresetKind(value: string): value is RecurrencePresetKind {
  return (recurrencePresetKinds as readonly string[]).includes(value);
}

function isMode(value: string): value is RecurrenceMode {
  return (recurrenceModes as readonly string[]).includes(value);
}

/** Short weekday names in the reader's language, Monday first (1 Jan 2024 was a Monday). */
function weekdayNames(locale: string): Record<RuleWeekday, string> {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  const names = {} as Record<RuleWeekday, string>;
  ruleWeekdays.forEach((day, index) => {
    names[day] = format.format(new Date(Date.UTC(2024, 0, 1 + index)));
  });
  return names;
}

interface Draft {
  kind: RecurrencePresetKind;
  days: RuleWeekday[];
  custom: string;
  mode: RecurrenceMode;
}

function draftFrom(rule: string | null, mode: RecurrenceMode | null, defaultDay: RuleWeekday): Draft {
  const preset = ruleToPreset(rule);
  return {
    kind: preset.kind,
    days: preset.kind === 'weekly' ? [...preset.days] : [defaultDay],
    custom: preset.kind === 'custom' ? preset.rule : (rule ?? ''),
    mode: mode ?? 'calendar',
  };
}

function presetOf(draft: Draft): RecurrencePreset {
  switch (draft.kind) {
    case 'weekly':
      return { kind: 'weekly', days: draft.days };
    case 'custom':
      return { kind: 'custom', rule: draft.custom };
    default:
      return { kind: draft.kind };
  }
}

/**
 * Repeat: none, every day, every week on chosen days, every month, or an RRULE typed by hand;
 * by the calendar or a new instance when this one is done. Needs a due date (the first date).
 */
export function RecurrenceField() {
  const { t, i18n } = useTranslation();
  const { task, timeZone, save, savingFields } = useTaskEdit();
  const zone = task.dueTimeZone ?? timeZone;
  const defaultDay = task.dueAt ? weekdayOf(task.dueAt, zone) : 'MO';
  const savedRule = task.recurrence?.rule ?? null;
  const savedMode = task.recurrence?.mode ?? null;
  const [draft, setDraft] = useState<Draft>(() => draftFrom(savedRule, savedMode, defaultDay));
  const [dirty, setDirty] = useState(false);
  const baseRef = useRef(task);
  const names = useMemo(() => weekdayNames(i18n.language), [i18n.language]);
  const selectId = useId();
  const customId = useId();
  const customErrorId = useId();
  const groupName = useId();

  useEffect(() => {
    if (!dirty) setDraft(draftFrom(savedRule, savedMode, defaultDay));
  }, [savedRule, savedMode, defaultDay, dirty]);

  function change(next: Partial<Draft>) {
    if (!dirty) baseRef.current = task;
    setDirty(true);
    setDraft((d) => ({ ...d, ...next }));
  }

  const rule = presetToRule(presetOf(draft));
  const customProblem = draft.kind === 'custom' ? customRuleProblem(draft.custom) : null;
  const weeklyEmpty = draft.kind === 'weekly' && draft.days.length === 0;
  const invalid = customProblem !== null || weeklyEmpty;
  const noDue = task.dueAt === null;

  const preview = useMemo(() => {
    if (!rule || invalid || !task.dueAt || draft.mode !== 'calendar') return [];
    try {
      return firstOccurrences(rule, zone, task.dueAt, 4).slice(1);
    } catch {
      return [];
    }
  }, [rule, invalid, task.dueAt, zone, draft.mode]);

  function submit() {
    if (invalid) return;
    const recurrence = rule ? { rule, mode: draft.mode, timeZone: zone } : null;
    save({ recurrence }, baseRef.current, {
      onSuccess: () => setDirty(false),
      onConflict: (current) => {
        baseRef.current = current;
      },
    });
  }

  return (
    <div className="detail-row detail-row-block">
      <label className="detail-label" htmlFor={selectId}>
        {t('tasks.fields.recurrence')}
      </label>
      <div className="detail-value stack-sm">
        <select
          id={selectId}
          className="input select input-sm"
          value={draft.kind}
          disabled={noDue && draft.kind === 'none'}
          aria-describedby={noDue ? `${selectId}-hint` : undefined}
          data-testid="task-recurrence"
          onChange={(event) => {
            if (isPresetKind(event.target.value)) change({ kind: event.target.value });
          }}
        >
          {recurrencePresetKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`tasks.recurrence.presets.${kind}`)}
            </option>
          ))}
        </select>
        {noDue && (
          <p className="field-hint" id={`${selectId}-hint`}>
            {t('tasks.recurrence.needsDue')}
          </p>
        )}

        {draft.kind === 'weekly' && (
          <fieldset className="fieldset">
            <legend className="visually-hidden">{t('tasks.recurrence.onDays')}</legend>
            <div className="weekday-picker">
              {ruleWeekdays.map((day) => (
                <label key={day} className="weekday">
                  <input
                    type="checkbox"
                    checked={draft.days.includes(day)}
                    onChange={(event) =>
                      change({
                        days: event.target.checked
                          ? [...draft.days, day]
                          : draft.days.filter((d) => d !== day),
                      })
                    }
                  />
                  <span>{names[day]}</span>
                </label>
              ))}
            </div>
            {weeklyEmpty && <p className="field-error">{t('tasks.recurrence.pickDay')}</p>}
          </fieldset>
        )}

        {draft.kind === 'custom' && (
          <div className="field">
            <label className="field-label" htmlFor={customId}>
              {t('tasks.recurrence.customLabel')}
            </label>
            <input
              id={customId}
              className="input input-sm input-mono"
              value={draft.custom}
              placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
              spellCheck={false}
              autoCapitalize="off"
              aria-invalid={customProblem ? true : undefined}
              aria-describedby={customProblem ? customErrorId : `${customId}-hint`}
              data-testid="task-recurrence-custom"
              onChange={(event) => change({ custom: event.target.value })}
            />
            {customProblem !== null ? (
              <p className="field-error" id={customErrorId}>
                {customProblem === '' ? t('validation.required') : t('tasks.recurrence.invalidRule')}
                {customProblem !== '' && (
                  <>
                    {' '}
                    <code className="rule-problem">{customProblem}</code>
                  </>
                )}
              </p>
            ) : (
              <p className="field-hint" id={`${customId}-hint`}>
                {t('tasks.recurrence.customHint')}
              </p>
            )}
          </div>
        )}

        {draft.kind !== 'none' && (
          <fieldset className="fieldset">
            <legend className="field-label">{t('tasks.recurrence.mode')}</legend>
            {recurrenceModes.map((mode) => (
              <label key={mode} className="check check-top">
                <input
                  type="radio"
                  name={groupName}
                  value={mode}
                  checked={draft.mode === mode}
                  onChange={(event) => {
                    if (isMode(event.target.value)) change({ mode: event.target.value });
                  }}
                />
                <span>
                  {t(`tasks.recurrence.modes.${mode}`)}
                  <span className="check-desc">{t(`tasks.recurrence.modeHints.${mode}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}

        {preview.length > 0 && (
          <p className="field-hint">
            {t('tasks.recurrence.next', {
              dates: preview.map((iso) => formatDateTime(iso, i18n.language, timeZone)).join(' · '),
            })}
          </p>
        )}

        {dirty && (
          <div className="form-actions">
            <Button
              size="sm"
              variant="primary"
              onClick={submit}
              disabled={invalid || (noDue && rule !== null)}
              pending={savingFields.has('recurrence')}
              data-testid="task-recurrence-save"
            >
              {t('tasks.recurrence.save')}
            </Button>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setDirty(false);
                setDraft(draftFrom(savedRule, savedMode, defaultDay));
              }}
            >
              {t('common.cancel')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
