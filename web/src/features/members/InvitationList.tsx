import type { Invitation } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useRevokeInvitation } from './hooks.ts';

export function InvitationList({
  workspaceId,
  invitations,
}: {
  workspaceId: string;
  invitations: readonly Invitation[];
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const revoke = useRevokeInvitation(workspaceId);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  return (
    <>
      <ul className="list" aria-label={t('invitations.pendingLabel')}>
        {invitations.map((invitation) => (
          <li key={invitation.id} className="list-row invitation-row" data-testid="invitation-row">
            <div className="invitation-main">
              <span className="list-title">{invitation.email ?? t('invitations.anyone')}</span>
              <span className="muted">
                {t('invitations.invitedBy', { name: invitation.invitedBy })} ·{' '}
                {t('invitations.expires', { date: format.date(invitation.expiresAt) })}
              </span>
            </div>
            <span className={`badge badge-${invitation.role}`}>{t(`roles.${invitation.role}`)}</span>
            <Button
              size="sm"
              variant="ghost"
              className="button-danger-text"
              data-testid="invitation-revoke"
              onClick={() => {
                revoke.reset();
                setRevoking(invitation);
              }}
            >
              {t('invitations.revoke')}
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={revoking !== null}
        title={t('invitations.revokeTitle')}
        message={t('invitations.revokeMessage')}
        confirmLabel={t('invitations.revoke')}
        pending={revoke.isPending}
        error={revoke.error ? t(errorKey(revoke.error)) : null}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setRevoking(null);
              toast.success(t('invitations.revoked'));
            },
          });
        }}
      />
    </>
  );
}
