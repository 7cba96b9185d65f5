import type { Workspace } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useLeaveWorkspace } from './hooks.ts';

export function LeaveWorkspace({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const leave = useLeaveWorkspace(workspace.id);
  const [confirming, setConfirming] = useState(false);

  return (
    <>
      <Button
        variant="danger"
        onClick={() => {
          leave.reset();
          setConfirming(true);
        }}
        data-testid="leave-workspace"
      >
        {t('members.leave')}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t('members.leaveTitle', { workspace: workspace.name })}
        message={t('members.leaveMessage')}
        confirmLabel={t('members.leave')}
        pending={leave.isPending}
        error={leave.error ? t(errorKey(leave.error)) : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          leave.mutate(undefined, {
            onSuccess: async () => {
              setConfirming(false);
              toast.success(t('members.left', { workspace: workspace.name }));
              await navigate('/workspaces', { replace: true });
              leave.dropCache();
            },
          })
        }
      />
    </>
  );
}
