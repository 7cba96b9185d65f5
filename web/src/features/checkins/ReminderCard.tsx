import { checkCheckInReminder, isoWeekdays, type MyCheckIn } from '@leeway/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { formatDateTime, timeZoneOptions } from '../../lib/format.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserTimeZone } from '../auth/use-user-format.ts';
import { type FieldProblem, fromCore, problemAt, problemsFromError } from '../lessons/problems.ts';
import { useDeleteReminder, useSaveReminder } from './hooks.ts';
import { useCheckInProblemText } from './use-problem-text.ts';
import { weekdayName } from './week.ts';

const reminderFields = ['weekday', 'time', 'timeZone', 'enabled'];

/** When the weekly reminder to write the check-in arrives; the zone defaults to the person's own. */
export function ReminderCard({
  workspaceId,
  reminder,
}: {
  workspaceId: string;
  reminder: MyCheckIn['reminder'];
}) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const userZone = useUserTimeZone();
  const problemText = useCheckInProblemText();
  const save = useSaveReminder(workspaceId);
  const remove = useDeleteReminder(workspaceId);
  const [weekday, setWeekday] = useState(String(reminder?.weekday ?? 5));
  const [time, setTime] = useState(reminder?.time ?? '16:00');
  const [timeZone, setTimeZone] = useState(reminder?.timeZone ?? userZone);
  const [enabled, setEnabled] = useState(reminder?.enabled ?? true);
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const zones = useMemo(() => timeZoneOptions(timeZone), [timeZone]);

  const checked = checkCheckInReminder({ weekday: Number(weekday), time, timeZone });
  const problems = [...serverProblems, ...(checked.ok ? [] : fromCore(checked.problems))];
  const at = (field: string) => problemText(problemAt(problems, field));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    if (!checked.ok) return;
    save.mutate(
      { ...checked.value, enabled },
      {
        onSuccess: () => {
          setServerProblems([]);
          toast.success(t('checkins.reminder.saved'));
        },
        onError: (error) => {
          const found = problemsFromError(error);
          setServerProblems(found);
          if (found.length === 0 || found.some((p) => !reminderFields.includes(p.field)))
            setFormError(t(errorKey(error)));
        },
      },
    );
  }

  const next =
    reminder?.enabled && reminder.nextAt
      ? t('checkins.reminder.next', {
          when: formatDateTime(reminder.nextAt, i18n.language, reminder.timeZone),
          zone: reminder.timeZone,
        })
      : reminder && !reminder.enabled
        ? t('checkins.reminder.off')
        : reminder
          ? null
          : t('checkins.reminder.none');

  return (
    <section className="card stack" aria-labelledby="chk-reminder-title">
      <h2 id="chk-reminder-title">{t('checkins.reminder.title')}</h2>
      <p className="muted">{t('checkins.reminder.intro')}</p>
      {next && (
        <p className="chk-next" data-testid="checkin-reminder-next" role="status">
          {next}
        </p>
      )}
      <form className="form" noValidate onSubmit={submit}>
        {formError && <Alert>{formError}</Alert>}
        <div className="chk-reminder-grid">
          <SelectField
            label={t('checkins.reminder.weekday')}
            value={weekday}
            data-testid="checkin-reminder-weekday"
            error={at('weekday')}
            onChange={(event) => {
              setWeekday(event.target.value);
              setServerProblems([]);
            }}
            options={isoWeekdays.map((d) => ({ value: String(d), label: weekdayName(d, i18n.language) }))}
          />
          <TextField
            type="time"
            label={t('checkins.reminder.time')}
            value={time}
            data-testid="checkin-reminder-time"
            error={at('time')}
            onChange={(event) => {
              setTime(event.target.value);
              setServerProblems([]);
            }}
          />
          <SelectField
            label={t('checkins.reminder.timeZone')}
            value={timeZone}
            data-testid="checkin-reminder-zone"
            error={at('timeZone')}
            onChange={(event) => {
              setTimeZone(event.target.value);
              setServerProblems([]);
            }}
            options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={enabled}
            data-testid="checkin-reminder-enabled"
            onChange={(event) => setEnabled(event.target.checked)}
          />
          {t('checkins.reminder.enabled')}
        </label>
        <div className="form-actions">
          <Button
            type="submit"
            variant="primary"
            pending={save.isPending}
            data-testid="checkin-reminder-save"
          >
            {t('checkins.reminder.save')}
          </Button>
          {reminder && (
            <Button
              variant="ghost"
              pending={remove.isPending}
              data-testid="checkin-reminder-delete"
              onClick={() =>
                remove.mutate(undefined, {
                  onSuccess: () => toast.success(t('checkins.reminder.removed')),
                  onError: (error) => toast.error(t(errorKey(error))),
                })
              }
            >
              {t('checkins.reminder.remove')}
            </Button>
          )}
        </div>
      </form>
    </section>
  );
}
