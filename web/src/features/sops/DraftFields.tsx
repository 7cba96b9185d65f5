import { sopLimits } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { StepsEditor } from './StepsEditor.tsx';
import type { EditDraft } from './sop-values.ts';
import type { useDraftForm } from './use-draft-form.ts';

/**
 * Title, purpose and steps of an SOP draft, validated as you type: the same fields in the
 * new-SOP dialog and in the draft editor, with their own labels.
 */
export function DraftFields({
  draft,
  change,
  form,
  labels,
}: {
  draft: EditDraft;
  change: (next: EditDraft) => void;
  form: ReturnType<typeof useDraftForm>;
  labels: { title: string; purpose: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={labels.title}
        name="title"
        value={draft.title}
        autoComplete="off"
        maxLength={sopLimits.titleMax + 50}
        error={form.problemFor('title')}
        onChange={(event) => change({ ...draft, title: event.target.value })}
        onBlur={() => form.leave('title')}
        data-testid="sop-title-input"
      />
      <TextAreaField
        label={labels.purpose}
        name="purpose"
        optional
        rows={3}
        hint={t('sops.create.purposeHint')}
        value={draft.purpose}
        error={form.problemFor('purpose')}
        onChange={(event) => change({ ...draft, purpose: event.target.value })}
        onBlur={() => form.leave('purpose')}
        data-testid="sop-purpose-input"
      />
      <StepsEditor
        steps={draft.steps}
        onChange={(steps) => change({ ...draft, steps })}
        problemFor={form.problemFor}
        onBlurField={form.leave}
      />
    </>
  );
}
