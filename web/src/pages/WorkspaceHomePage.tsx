import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequiredUser } from '../features/auth/session.ts';
import { useInvitations, useMembers } from '../features/members/hooks.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { GettingStarted } from '../features/workspaces/GettingStarted.tsx';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/Spinner.tsx';

function OwnerChecklist({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const members = useMembers(workspaceId);
  const invitations = useInvitations(workspaceId, true);
  if (members.isPending || invitations.isPending) return <LoadingState />;
  if (members.isError || invitations.isError) {
    const error = members.error ?? invitations.error;
    return (
      <ErrorState
        message={t(errorKey(error))}
        onRetry={() => {
          void members.refetch();
          void invitations.refetch();
        }}
      />
    );
  }
  // "Invite an assistant" is done as soon as one is on board or an invitation is out.
  const inviteDone = members.data.some((m) => m.role === 'assistant') || invitations.data.length > 0;
  return <GettingStarted workspaceId={workspaceId} inviteDone={inviteDone} />;
}

export function WorkspaceHomePage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  usePageTitle(workspace.name);

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('home.welcome', { name: user.name.split(/\s+/)[0] ?? user.name })}</h1>
        <p className="muted">
          {workspace.role === 'owner'
            ? t('home.introOwner', { workspace: workspace.name })
            : t('home.introAssistant', { workspace: workspace.name })}
        </p>
      </div>
      {workspace.role === 'owner' ? (
        <OwnerChecklist workspaceId={workspace.id} />
      ) : (
        <section className="card">
          <h2>{t('home.assistant.title')}</h2>
          <p>{t('home.assistant.body')}</p>
          <p>
            <Link to={`/w/${workspace.id}/members`}>{t('home.assistant.members')}</Link>
          </p>
        </section>
      )}
    </div>
  );
}
