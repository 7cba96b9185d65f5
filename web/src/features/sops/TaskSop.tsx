import type { ChecklistItem } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { BookIcon } from '../../ui/icons.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useTaskEdit } from '../tasks/task-edit.ts';
import { useSops, useUseSop } from './hooks.ts';
import { uncheckedSopSteps } from './sop-values.ts';
import './sops.css';

/** The server pins an SOP only to tasks not yet started or under way. */
const pinnableStates = new Set(['todo', 'doing']);

/** Published SOPs a task may follow: the task's area's when it has one, else all. */
function usePublishedSops(workspaceId: string, areaId: string | null | undefined, enabled = true) {
  return useSops(workspaceId, { status: 'published', ...(areaId ? { areaId } : {}) }, enabled);
}

function UseSopDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId, task } = useTaskEdit();
  const formId = useId();
  const sops = usePublishedSops(workspaceId, task.areaId);
  const use = useUseSop(workspaceId, task.id);
  const [sopId, setSopId] = useState('');
  const [touched, setTouched] = useState(false);
  const list = sops.data ?? [];

  return (
    <FormDialog
      title={t('sops.task.useTitle', { title: task.title })}
      onClose={onClose}
      formId={formId}
      submitLabel={t('sops.task.useSubmit')}
      submitTestId="task-use-sop-submit"
      pending={use.isPending}
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (!sopId) return;
          use.mutate(
            { sopId, version: task.version },
            {
              onSuccess: (saved) => {
                toast.success(t('sops.task.used', { title: saved.sop?.title ?? '' }));
                onClose();
              },
            },
          );
        }}
      >
        <p className="muted">{t('sops.task.useIntro')}</p>
        {use.error && <Alert>{t(errorKey(use.error))}</Alert>}
        {sops.isError && <Alert>{t(errorKey(sops.error))}</Alert>}
        {sops.isSuccess && list.length === 0 ? (
          <p className="muted">{t('sops.task.noSops')}</p>
        ) : (
          <SelectField
            label={t('sops.task.pick')}
            value={sopId}
            disabled={sops.isPending}
            error={touched && !sopId ? t('sops.problems.required') : undefined}
            options={[
              { value: '', label: t('sops.task.pickNone') },
              ...list.map((s) => ({ value: s.id, label: `${s.title} (v${s.currentVersion ?? '–'})` })),
            ]}
            onChange={(event) => setSopId(event.target.value)}
            data-testid="task-use-sop-select"
          />
        )}
      </form>
    </FormDialog>
  );
}

/** On a task: "Follows SOP <title> v2 (current v3)", or the button to pick one. */
export function TaskSopLine() {
  const { t } = useTranslation();
  const { workspaceId, task } = useTaskEdit();
  const [open, setOpen] = useState(false);
  if (task.sop) {
    const sop = task.sop;
    const behind = sop.currentVersion > sop.versionNumber;
    return (
      <p className="task-sop" data-testid="task-sop">
        <BookIcon />
        <span>
          {t('sops.task.follows')}{' '}
          <Link to={`/w/${workspaceId}/sops/${sop.id}`} data-testid="task-sop-link">
            {sop.title}
          </Link>{' '}
          {t('sops.task.pinned', { number: sop.versionNumber })}
          {behind && <span className="muted"> {t('sops.task.current', { number: sop.currentVersion })}</span>}
        </span>
      </p>
    );
  }
  if (!pinnableStates.has(task.state)) return null;
  return (
    <div className="task-sop">
      <Button
        size="sm"
        variant="ghost"
        icon={<BookIcon />}
        onClick={() => setOpen(true)}
        data-testid="task-use-sop"
      >
        {t('sops.task.use')}
      </Button>
      {open && <UseSopDialog onClose={() => setOpen(false)} />}
    </div>
  );
}

/** Beside a checklist item pinned from an SOP: that it is a step, and a checkpoint. */
export function SopItemMarks({ item }: { item: ChecklistItem }) {
  const { t } = useTranslation();
  if (item.sopStep === null || item.sopStep === undefined) return null;
  return (
    <span className="sop-item-marks">
      <span className="badge sop-badge-step" data-testid="checklist-sop-step">
        {t('sops.task.stepMark')}
      </span>
      {item.checkpoint && (
        <span className="badge sop-badge-checkpoint" data-testid="checklist-checkpoint">
          ⚑ {t('sops.task.checkpointMark')}
        </span>
      )}
    </span>
  );
}

/**
 * A refused submit because SOP steps are unticked (level 1): says so plainly and names them;
 * null for any other error, so the caller shows its usual message.
 */
export function SopStepsUncheckedAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { task } = useTaskEdit();
  const missing = uncheckedSopSteps(error);
  if (missing === null) return null;
  const names = missing
    .map((step) => task.checklist.find((item) => item.sopStep === step)?.text)
    .filter((text): text is string => typeof text === 'string');
  return (
    <Alert>
      <span data-testid="sop-steps-unticked">
        {t('sops.task.uncheckedSteps', { count: Math.max(missing.length, 1) })}
      </span>
      {names.length > 0 && (
        <>
          <span className="sop-unchecked-list">{t('sops.task.uncheckedList')}</span>
          <ul className="sop-unchecked-items">
            {names.map((name, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: two steps may read the same.
              <li key={i}>{name}</li>
            ))}
          </ul>
        </>
      )}
    </Alert>
  );
}

/** The create-task dialog's optional SOP: the area's published SOPs. */
export function SopCreateSelect({
  workspaceId,
  areaId,
  value,
  onChange,
}: {
  workspaceId: string;
  areaId: string;
  value: string;
  onChange: (sopId: string) => void;
}) {
  const { t } = useTranslation();
  const sops = usePublishedSops(workspaceId, areaId, areaId !== '');
  const list = sops.data ?? [];
  if (!areaId || list.length === 0) return null;
  return (
    <SelectField
      label={t('sops.task.createLabel')}
      value={list.some((s) => s.id === value) ? value : ''}
      hint={value ? t('sops.task.createHint') : undefined}
      options={[
        { value: '', label: t('sops.task.createNone') },
        ...list.map((s) => ({ value: s.id, label: s.title })),
      ]}
      onChange={(event) => onChange(event.target.value)}
      data-testid="create-task-sop"
    />
  );
}
