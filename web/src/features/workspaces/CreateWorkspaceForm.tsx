import type { Workspace } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../lib/use-form.ts';
import { checkWorkspaceName } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useCreateWorkspace } from './hooks.ts';

export function CreateWorkspaceForm({
  autoFocus = false,
  onCreated,
}: {
  autoFocus?: boolean;
  onCreated: (workspace: Workspace) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateWorkspace();
  const form = useForm({ initial: { name: '' }, validate: (v) => ({ name: checkWorkspaceName(v.name) }) });

  return (
    <form
      ref={form.formRef}
      className="form form-inline"
      noValidate
      onSubmit={form.handleSubmit((v) =>
        create.mutate(v.name.trim(), {
          onSuccess: (workspace) => {
            form.reset();
            onCreated(workspace);
          },
          onError: form.showError,
        }),
      )}
    >
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField
        label={t('workspaces.create.name')}
        hint={t('workspaces.create.nameHint')}
        autoComplete="off"
        autoFocus={autoFocus}
        data-testid="workspace-name-input"
        {...form.field('name')}
      />
      <div className="form-actions">
        <Button
          type="submit"
          variant="primary"
          pending={create.isPending}
          data-testid="workspace-create-submit"
        >
          {t('workspaces.create.submit')}
        </Button>
      </div>
    </form>
  );
}
