import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { relativeTime } from '../notifications/relative-time.ts';
import { useTaskEdit } from '../tasks/task-edit.ts';
import { useSendNudge, useTaskNudges } from './hooks.ts';
import { canNudge, isJustNow, nudgeErrorKey } from './nudge-view.ts';

/**
 * "Any update?" (DESIGN §5) for principals on a task someone else works on. When the task
 * changed in the last 24 hours the answer is probably already in its history, and such a
 * nudge counts against the principal in the insights (§10): the button says so and asks
 * first, so the principal can look before asking. Otherwise it asks at once.
 */
export function NudgeButton() {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const { workspaceId, task, userId, isOwner, members } = useTaskEdit();
  const shown = canNudge({ isOwner, userId, assigneeId: task.assigneeId, state: task.state });
  const status = useTaskNudges(workspaceId, task.id, shown);
  const send = useSendNudge(workspaceId, task.id);
  const [confirming, setConfirming] = useState(false);
  if (!shown) return null;

  const assignee = members.find((m) => m.userId === task.assigneeId)?.name ?? t('nudges.theAssignee');
  const when = (iso: string) =>
    isJustNow(iso, Date.now())
      ? t('nudges.justNow')
      : (relativeTime(iso, Date.now(), i18n.language) ?? format.dateTime(iso));
  const data = status.data;
  const waitUntil = data?.nextNudgeAt && Date.parse(data.nextNudgeAt) > Date.now() ? data.nextNudgeAt : null;

  function ask() {
    send.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        toast.success(t('nudges.sent', { name: assignee }));
      },
      onError: (error) => {
        setConfirming(false);
        toast.error(t(nudgeErrorKey(error), { name: assignee }));
      },
    });
  }

  const change = data?.lastChange;
  const message = change
    ? change.actorName
      ? t('nudges.confirm.changedBy', { name: change.actorName, when: when(change.at) })
      : t('nudges.confirm.changed', { when: when(change.at) })
    : '';

  return (
    <>
      <Button
        size="sm"
        data-testid="nudge-button"
        pending={send.isPending}
        disabled={status.isPending || waitUntil !== null}
        title={
          waitUntil && data?.myLastNudgeAt
            ? t('nudges.askedAlready', { when: when(data.myLastNudgeAt), next: format.dateTime(waitUntil) })
            : t('nudges.hint', { name: assignee })
        }
        onClick={() => (data?.changedRecently ? setConfirming(true) : ask())}
      >
        {waitUntil ? t('nudges.asked') : t('nudges.button')}
      </Button>
      <ConfirmDialog
        open={confirming}
        tone="primary"
        title={t('nudges.confirm.title')}
        message={<span data-testid="nudge-confirm">{message}</span>}
        confirmLabel={t('nudges.confirm.askAnyway')}
        pending={send.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={ask}
      />
    </>
  );
}
