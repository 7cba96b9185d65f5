import { type SopDetail, sopLimits } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { usePublishSop } from './hooks.ts';

/** Editors: the changelog and whether everyone must acknowledge the new version again. */
export function PublishDialog({
  workspaceId,
  sop,
  title,
  draftVersion,
  nextNumber,
  onClose,
  onPublished,
}: {
  workspaceId: string;
  sop: SopDetail;
  title: string;
  draftVersion: number;
  nextNumber: number;
  onClose: () => void;
  onPublished: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const formId = useId();
  const publish = usePublishSop(workspaceId, sop.id);
  const [changelog, setChangelog] = useState('');
  const [reack, setReack] = useState(false);
  const tooLong = changelog.length > sopLimits.changelogMax;

  return (
    <FormDialog
      title={t('sops.publish.title', { title: title || sop.title })}
      onClose={onClose}
      formId={formId}
      submitLabel={t('sops.publish.confirm', { number: nextNumber })}
      submitTestId="sop-publish-confirm"
      pending={publish.isPending}
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (tooLong) return;
          publish.mutate(
            { draftVersion, changelog: changelog.trim(), requiresReacknowledgement: reack },
            {
              onSuccess: () => {
                toast.success(t('sops.publish.done', { number: nextNumber }));
                onPublished();
              },
            },
          );
        }}
      >
        <p className="muted">{t('sops.publish.intro', { number: nextNumber })}</p>
        {publish.error && <Alert>{t(errorKey(publish.error))}</Alert>}
        <TextAreaField
          label={t('sops.publish.changelog')}
          name="changelog"
          optional
          rows={3}
          hint={t('sops.publish.changelogHint')}
          value={changelog}
          error={tooLong ? t('sops.problems.too_long', { max: sopLimits.changelogMax }) : undefined}
          onChange={(event) => setChangelog(event.target.value)}
          data-testid="sop-changelog-input"
        />
        <label className="check check-top">
          <input
            type="checkbox"
            checked={reack}
            onChange={(event) => setReack(event.target.checked)}
            data-testid="sop-reack-checkbox"
          />
          <span>
            {t('sops.publish.reack')}
            <span className="check-desc muted">{t('sops.publish.reackHint')}</span>
          </span>
        </label>
      </form>
    </FormDialog>
  );
}
