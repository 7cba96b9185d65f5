import { useTranslation } from 'react-i18next';
import { useRequiredUser } from '../features/auth/session.ts';
import { useInvitations, useMembers } from '../features/members/hooks.ts';
import { InvitationList } from '../features/members/InvitationList.tsx';
import { InviteForm } from '../features/members/InviteForm.tsx';
import { LeaveWorkspace } from '../features/members/LeaveWorkspace.tsx';
import { MemberList } from '../features/members/MemberList.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/Spinner.tsx';

function PendingInvitations({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const invitations = useInvitations(workspaceId, true);
  if (invitations.isPending) return <LoadingState />;
  if (invitations.isError)
    return (
      <ErrorState
        message={t(errorKey(invitations.error))}
        onRetry={() => void invitations.refetch()}
        retrying={invitations.isFetching}
      />
    );
  if (invitations.data.length === 0)
    return (
      <EmptyState title={t('invitations.emptyTitle')}>
        <p>{t('invitations.emptyBody')}</p>
      </EmptyState>
    );
  return <InvitationList workspaceId={workspaceId} invitations={invitations.data} />;
}

export function MembersPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const members = useMembers(workspace.id);
  const isOwner = workspace.role === 'owner';
  usePageTitle(t('members.title'));

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('members.title')}</h1>
        <p className="muted">{t('members.intro', { workspace: workspace.name })}</p>
      </div>

      <section aria-labelledby="members-list">
        <h2 id="members-list">{t('members.listTitle')}</h2>
        {members.isPending ? (
          <LoadingState />
        ) : members.isError ? (
          <ErrorState
            message={t(errorKey(members.error))}
            onRetry={() => void members.refetch()}
            retrying={members.isFetching}
          />
        ) : (
          <MemberList workspace={workspace} members={members.data} currentUserId={user.id} />
        )}
      </section>

      {isOwner && (
        <>
          <section className="card" aria-labelledby="members-invite">
            <h2 id="members-invite">{t('invitations.title')}</h2>
            <p className="muted">{t('invitations.intro')}</p>
            <InviteForm workspaceId={workspace.id} />
          </section>
          <section aria-labelledby="members-pending">
            <h2 id="members-pending">{t('invitations.pendingTitle')}</h2>
            <PendingInvitations workspaceId={workspace.id} />
          </section>
        </>
      )}

      <section className="card card-quiet" aria-labelledby="members-leave">
        <h2 id="members-leave">{t('members.leaveSection')}</h2>
        <p className="muted">{t('members.leaveIntro')}</p>
        <LeaveWorkspace workspace={workspace} />
      </section>
    </div>
  );
}
