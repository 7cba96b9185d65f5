import { autonomyLimits } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useDecideProposal } from './hooks.ts';

/**
 * Accept or decline a pending level proposal; declining needs a reason (DESIGN §4). Used on
 * the delegation board's cell panel and on a meeting's agenda, so both decide the same way.
 */
export function ProposalDecision({
  workspaceId,
  proposalId,
  toLevel,
  onDecided,
  className,
}: {
  workspaceId: string;
  proposalId: string;
  toLevel: number | string;
  /** After a decision, e.g. to rebuild the agenda the proposal leaves. */
  onDecided?: () => void;
  className?: string;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const decide = useDecideProposal(workspaceId);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const reasonError =
    reason.trim() === ''
      ? tried
        ? t('autonomy.validation.required')
        : undefined
      : reason.length > autonomyLimits.reasonMax
        ? t('autonomy.validation.tooLong', { max: autonomyLimits.reasonMax })
        : undefined;
  const decided = (message: string) => {
    onDecided?.();
    toast.success(message);
  };
  return (
    <div className={`stack-sm ${className ?? ''}`}>
      {decide.error && <Alert>{t(errorKey(decide.error))}</Alert>}
      <TextAreaField
        label={t('autonomy.proposals.reason')}
        hint={t('autonomy.proposals.reasonHint')}
        rows={2}
        value={reason}
        error={reasonError}
        data-testid="proposal-reason"
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="button-row">
        <Button
          variant="primary"
          size="sm"
          pending={decide.isPending && decide.variables?.body.decision === 'accept'}
          disabled={decide.isPending}
          data-testid="proposal-accept"
          onClick={() =>
            decide.mutate(
              {
                proposalId,
                body: { decision: 'accept', ...(reason.trim() ? { reason: reason.trim() } : {}) },
              },
              { onSuccess: () => decided(t('autonomy.proposals.accepted', { level: toLevel })) },
            )
          }
        >
          {t('autonomy.proposals.accept')}
        </Button>
        <Button
          size="sm"
          pending={decide.isPending && decide.variables?.body.decision === 'decline'}
          disabled={decide.isPending}
          data-testid="proposal-decline"
          onClick={() => {
            setTried(true);
            if (reason.trim() === '' || reason.length > autonomyLimits.reasonMax) return;
            decide.mutate(
              { proposalId, body: { decision: 'decline', reason: reason.trim() } },
              { onSuccess: () => decided(t('autonomy.proposals.declinedToast')) },
            );
          }}
        >
          {t('autonomy.proposals.decline')}
        </Button>
      </div>
    </div>
  );
}
