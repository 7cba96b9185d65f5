import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useAreas } from '../areas/hooks.ts';
import { DraftFields } from './DraftFields.tsx';
import { useCreateSop } from './hooks.ts';
import { draftBody, type EditDraft, editDraftFrom } from './sop-values.ts';
import { focusField, useDraftForm } from './use-draft-form.ts';

/** "New SOP": area, title, purpose, steps; creates the first draft and opens its page. */
export function NewSopDialog({
  workspaceId,
  initialAreaId,
  onClose,
}: {
  workspaceId: string;
  initialAreaId?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const areas = useAreas(workspaceId);
  const create = useCreateSop(workspaceId);
  const [areaId, setAreaId] = useState(initialAreaId ?? '');
  const [areaLeft, setAreaLeft] = useState(false);
  const [draft, setDraft] = useState<EditDraft>(() => editDraftFrom(null));
  const [formError, setFormError] = useState<string | null>(null);
  const form = useDraftForm(draft);
  const [submitted, setSubmitted] = useState(false);
  const activeAreas = (areas.data ?? [])
    .filter((a) => a.archivedAt === null)
    .sort((a, b) => a.name.localeCompare(b.name));
  const areaError = !areaId && (areaLeft || submitted) ? t('sops.problems.areaRequired') : undefined;

  function change(next: EditDraft) {
    setDraft(next);
    setFormError(null);
  }

  return (
    <FormDialog
      title={t('sops.create.title')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('sops.create.submit')}
      submitTestId="sop-create-submit"
      pending={create.isPending}
    >
      <form
        id={formId}
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          const first = form.check();
          if (!areaId) {
            focusField(formRef.current, 'areaId');
            return;
          }
          if (first) {
            focusField(formRef.current, first);
            return;
          }
          const body = draftBody(draft);
          create.mutate(
            {
              areaId,
              title: body.title.trim(),
              ...(body.purpose.trim() ? { purpose: body.purpose.trim() } : {}),
              steps: body.steps.map((s) => ({ text: s.text.trim(), checkpoint: s.checkpoint })),
            },
            {
              onSuccess: (sop) => {
                toast.success(t('sops.create.created', { title: sop.title }));
                onClose();
                void navigate(`/w/${workspaceId}/sops/${sop.id}`);
              },
              onError: (error) => {
                if (!form.showServerError(error)) setFormError(t(errorKey(error)));
              },
            },
          );
        }}
      >
        {formError && <Alert>{formError}</Alert>}
        {areas.isSuccess && activeAreas.length === 0 ? (
          <Alert tone="info">{t('sops.create.noAreas')}</Alert>
        ) : (
          <SelectField
            label={t('sops.create.area')}
            name="areaId"
            value={areaId}
            error={areaError}
            options={[
              { value: '', label: t('sops.create.chooseArea') },
              ...activeAreas.map((a) => ({ value: a.id, label: a.name })),
            ]}
            onChange={(event) => setAreaId(event.target.value)}
            onBlur={() => setAreaLeft(true)}
            data-testid="sop-area-select"
          />
        )}
        <DraftFields
          draft={draft}
          change={change}
          form={form}
          labels={{ title: t('sops.create.titleLabel'), purpose: t('sops.create.purpose') }}
        />
      </form>
    </FormDialog>
  );
}
