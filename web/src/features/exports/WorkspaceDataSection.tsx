import type { Workspace } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useDeleteWorkspace, workspaceExportUrl } from './hooks.ts';

/** Workspace settings for owners: export everything, and the danger zone to delete it all. */
export function WorkspaceDataSection({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <section className="card" aria-labelledby="settings-export">
        <h2 id="settings-export">{t('exports.workspace.title')}</h2>
        <p className="muted">{t('exports.workspace.hint')}</p>
        <div>
          <a
            className="button button-secondary"
            href={workspaceExportUrl(workspace.id)}
            download
            data-testid="export-workspace"
          >
            {t('exports.workspace.action')}
          </a>
        </div>
      </section>
      <section className="card card-danger" aria-labelledby="settings-danger">
        <h2 id="settings-danger">{t('exports.delete.zone')}</h2>
        <p className="muted">{t('exports.delete.hint')}</p>
        <div>
          <Button variant="danger" onClick={() => setDeleting(true)} data-testid="delete-workspace">
            {t('exports.delete.action')}
          </Button>
        </div>
      </section>
      {deleting && <DeleteWorkspaceDialog workspace={workspace} onClose={() => setDeleting(false)} />}
    </>
  );
}

function DeleteWorkspaceDialog({ workspace, onClose }: { workspace: Workspace; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const remove = useDeleteWorkspace(workspace.id);
  const [typed, setTyped] = useState('');
  const formId = useId();
  const matches = typed.trim() === workspace.name.trim();
  // The server checks the name again; its field error means the name changed meanwhile.
  const nameRefused =
    remove.error instanceof ApiError && remove.error.code === 'validation_failed'
      ? t('exports.delete.mismatch')
      : undefined;
  const otherError = remove.error && !nameRefused ? t(errorKey(remove.error)) : null;

  return (
    <Dialog
      open
      title={t('exports.delete.title', { workspace: workspace.name })}
      onClose={onClose}
      busy={remove.isPending}
      footer={
        <>
          <Button onClick={onClose} disabled={remove.isPending}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            form={formId}
            variant="danger"
            pending={remove.isPending}
            disabled={!matches}
            data-testid="delete-workspace-confirm"
          >
            {t('exports.delete.confirm')}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!matches) return;
          remove.mutate(typed, {
            onSuccess: async () => {
              toast.success(t('exports.delete.done', { workspace: workspace.name }));
              await navigate('/workspaces', { replace: true });
              remove.dropCache();
            },
          });
        }}
      >
        <p>{t('exports.delete.message')}</p>
        {otherError && <Alert>{otherError}</Alert>}
        <TextField
          label={t('exports.delete.typeName', { workspace: workspace.name })}
          autoComplete="off"
          spellCheck={false}
          value={typed}
          error={nameRefused}
          onChange={(event) => setTyped(event.target.value)}
          data-testid="delete-workspace-name"
        />
      </form>
    </Dialog>
  );
}
