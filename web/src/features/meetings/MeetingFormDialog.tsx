import { firstOccurrences, type MeetingSeries, meetingLimits } from '@leeway/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { formatDateTime, timeZoneOptions } from '../../lib/format.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useRequiredUser } from '../auth/session.ts';
import { useUserTimeZone } from '../auth/use-user-format.ts';
import { type FieldProblem, problemAt, problemsFromError } from '../lessons/problems.ts';
import { useProblemText } from '../lessons/use-problem-text.ts';
import { useTouched } from '../lessons/use-touched.ts';
import { sortedMembers, useMemberMap } from '../tasks/people.ts';
import { weekdayOf } from '../tasks/recurrence-presets.ts';
import { weekdayName } from './agenda-text.ts';
import { useCreateMeeting, useUpdateMeeting } from './hooks.ts';
import {
  customRuleDetail,
  draftFromSeries,
  draftRule,
  draftStart,
  emptyMeetingDraft,
  type MeetingDraft,
  meetingDraftProblems,
  type RepeatKind,
  repeatKinds,
  toCreateBody,
  toUpdateBody,
} from './meeting-form.ts';

const formId = 'meeting-form';
const formFields = [
  'title',
  'description',
  'participantIds',
  'startsAt',
  'durationMin',
  'rrule',
  'until',
  'timeZone',
];

function isRepeat(value: string): value is RepeatKind {
  return (repeatKinds as readonly string[]).includes(value);
}

/** Creates a meeting series, or edits one (`series` given). */
export function MeetingFormDialog({
  workspaceId,
  series,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  series?: MeetingSeries;
  onClose: () => void;
  onSaved: (series: MeetingSeries) => void;
}) {
  const { t, i18n } = useTranslation();
  const user = useRequiredUser();
  const zone = useUserTimeZone();
  const problemText = useProblemText();
  const people = useMemberMap(workspaceId);
  const create = useCreateMeeting(workspaceId);
  const update = useUpdateMeeting(workspaceId, series?.id ?? '');
  const mutation = series ? update : create;
  const touched = useTouched();
  const [draft, setDraft] = useState<MeetingDraft>(() =>
    series ? draftFromSeries(series) : emptyMeetingDraft(zone, user.id),
  );
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);

  const localProblems = useMemo(() => meetingDraftProblems(draft), [draft]);
  const problems = [...serverProblems, ...localProblems];
  const at = (field: string) => (touched.shown(field) ? problemText(problemAt(problems, field)) : undefined);

  function set<K extends keyof MeetingDraft>(key: K, value: MeetingDraft[K], field: string = key) {
    setDraft((prev) => ({ ...prev, [key]: value }));
    touched.edit(field);
    setServerProblems((prev) => prev.filter((p) => p.field !== field));
  }

  const start = draftStart(draft);
  const weekday = weekdayName(start ? weekdayOf(start, draft.timeZone) : 'MO', i18n.language);
  const rule = draftRule(draft);
  const preview = useMemo(() => {
    if (!start || !rule || localProblems.some((p) => p.field === 'rrule')) return [];
    try {
      return firstOccurrences(rule, draft.timeZone, start, 4);
    } catch {
      return [];
    }
  }, [start, rule, draft.timeZone, localProblems]);
  const ruleDetail = customRuleDetail(draft);
  const zones = useMemo(() => timeZoneOptions(draft.timeZone), [draft.timeZone]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    touched.submit();
    setFormError(null);
    if (localProblems.length > 0) {
      window.requestAnimationFrame(() =>
        document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const options = {
      onSuccess: onSaved,
      onError: (error: unknown) => {
        if (error instanceof ApiError && error.code === 'conflict') {
          setFormError(t('meetings.form.conflict'));
          return;
        }
        const found = problemsFromError(error);
        setServerProblems(found);
        if (found.length === 0 || found.some((p) => !formFields.includes(p.field.split('/')[0] ?? '')))
          setFormError(t(errorKey(error)));
      },
    };
    if (series) update.mutate(toUpdateBody(draft, series.version), options);
    else create.mutate(toCreateBody(draft), options);
  }

  const participantsError = at('participantIds');
  return (
    <FormDialog
      title={series ? t('meetings.form.editTitle') : t('meetings.form.newTitle')}
      onClose={onClose}
      formId={formId}
      submitLabel={series ? t('meetings.form.save') : t('meetings.form.create')}
      submitTestId="meeting-save"
      pending={mutation.isPending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        {formError && <Alert>{formError}</Alert>}
        <TextField
          name="title"
          label={t('meetings.form.title')}
          placeholder={t('meetings.form.titlePlaceholder')}
          value={draft.title}
          maxLength={meetingLimits.titleMax + 20}
          data-testid="meeting-title"
          error={at('title')}
          onBlur={(event) => touched.leave('title', event.target.value)}
          onChange={(event) => set('title', event.target.value)}
        />
        <TextAreaField
          name="description"
          label={t('meetings.form.description')}
          optional
          rows={2}
          value={draft.description}
          error={at('description')}
          onBlur={(event) => touched.leave('description', event.target.value)}
          onChange={(event) => set('description', event.target.value)}
        />
        <fieldset className="fieldset" aria-describedby="meeting-participants-hint">
          <legend className="field-label">{t('meetings.form.participants')}</legend>
          <p className="field-hint" id="meeting-participants-hint">
            {t('meetings.form.participantsHint')}
          </p>
          {people.isPending ? (
            <Spinner size="sm" />
          ) : (
            <ul className="check-list">
              {sortedMembers(people.members).map((m) => (
                <li key={m.userId}>
                  <label className="check">
                    <input
                      type="checkbox"
                      data-testid="meeting-participant"
                      data-user-id={m.userId}
                      checked={draft.participantIds.includes(m.userId)}
                      aria-invalid={participantsError ? true : undefined}
                      onChange={(event) => {
                        set(
                          'participantIds',
                          event.target.checked
                            ? [...draft.participantIds, m.userId]
                            : draft.participantIds.filter((id) => id !== m.userId),
                        );
                        touched.leave('participantIds');
                      }}
                    />
                    <span>{m.userId === user.id ? t('meetings.form.you', { name: m.name }) : m.name}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {participantsError && <p className="field-error">{participantsError}</p>}
        </fieldset>
        <div className="form-grid-2">
          <TextField
            type="date"
            name="date"
            label={t('meetings.form.date')}
            value={draft.date}
            data-testid="meeting-start"
            error={at('startsAt')}
            onBlur={() => touched.leave('startsAt')}
            onChange={(event) => set('date', event.target.value, 'startsAt')}
          />
          <TextField
            type="time"
            name="time"
            label={t('meetings.form.time')}
            value={draft.time}
            data-testid="meeting-start-time"
            onBlur={() => touched.leave('startsAt')}
            onChange={(event) => set('time', event.target.value, 'startsAt')}
          />
          <TextField
            type="number"
            name="durationMin"
            inputMode="numeric"
            min={meetingLimits.durationMin}
            max={meetingLimits.durationMax}
            step={5}
            label={t('meetings.form.duration')}
            value={draft.duration}
            data-testid="meeting-duration"
            error={at('durationMin')}
            onBlur={(event) => touched.leave('durationMin', event.target.value)}
            onChange={(event) => set('duration', event.target.value, 'durationMin')}
          />
        </div>
        <SelectField
          name="repeat"
          label={t('meetings.form.repeat')}
          value={draft.repeat}
          data-testid="meeting-repeat"
          onChange={(event) => {
            if (isRepeat(event.target.value)) set('repeat', event.target.value, 'rrule');
          }}
          options={repeatKinds.map((kind) => ({
            value: kind,
            label: t(`meetings.form.repeatOptions.${kind}`, { weekday }),
          }))}
        />
        {draft.repeat === 'custom' && (
          <TextField
            name="rrule"
            label={t('meetings.form.custom')}
            hint={t('meetings.form.customHint')}
            className="input-mono"
            spellCheck={false}
            autoCapitalize="off"
            placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
            value={draft.custom}
            data-testid="meeting-rrule"
            error={
              at('rrule') && (ruleDetail ? `${t('meetings.form.invalidRule')} (${ruleDetail})` : at('rrule'))
            }
            onBlur={(event) => touched.leave('rrule', event.target.value)}
            onChange={(event) => set('custom', event.target.value, 'rrule')}
          />
        )}
        {draft.repeat !== 'none' && (
          <TextField
            type="date"
            name="until"
            label={t('meetings.form.until')}
            hint={t('meetings.form.untilHint')}
            optional
            value={draft.untilDate}
            data-testid="meeting-until"
            error={at('until')}
            onBlur={() => touched.leave('until')}
            onChange={(event) => set('untilDate', event.target.value, 'until')}
          />
        )}
        <SelectField
          name="timeZone"
          label={t('meetings.form.timeZone')}
          value={draft.timeZone}
          error={at('timeZone')}
          onChange={(event) => set('timeZone', event.target.value)}
          options={zones.map((z) => ({ value: z, label: z }))}
        />
        {preview.length > 1 && (
          <p className="field-hint" aria-live="polite">
            {t('meetings.form.preview', {
              dates: preview.map((iso) => formatDateTime(iso, i18n.language, zone)).join(' · '),
            })}
          </p>
        )}
      </form>
    </FormDialog>
  );
}
