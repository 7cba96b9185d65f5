import type { Workspace } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../lib/use-form.ts';
import { checkWorkspaceName } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useRenameWorkspace } from './hooks.ts';

export function RenameWorkspaceForm({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const toast = useToast();
  const rename = useRenameWorkspace(workspace.id);
  const form = useForm({
    initial: { name: workspace.name },
    validate: (v) => ({ name: checkWorkspaceName(v.name) }),
  });

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={form.handleSubmit((v) =>
        rename.mutate(v.name.trim(), {
          onSuccess: (updated) => {
            form.reset({ name: updated.name });
            toast.success(t('settings.renamed'));
          },
          onError: form.showError,
        }),
      )}
    >
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField
        label={t('settings.name')}
        autoComplete="off"
        data-testid="workspace-rename-input"
        {...form.field('name')}
      />
      <div className="form-actions">
        <Button
          type="submit"
          variant="primary"
          pending={rename.isPending}
          disabled={form.values.name.trim() === workspace.name}
          data-testid="workspace-rename-submit"
        >
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
