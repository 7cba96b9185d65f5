import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useRequiredUser } from '../features/auth/session.ts';
import { CreateWorkspaceForm } from '../features/workspaces/CreateWorkspaceForm.tsx';
import { useWorkspaces } from '../features/workspaces/hooks.ts';
import { WorkspaceList } from '../features/workspaces/WorkspaceList.tsx';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';

export function WorkspacesPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const user = useRequiredUser();
  const [params] = useSearchParams();
  const workspaces = useWorkspaces();
  usePageTitle(t('workspaces.title'));

  const isEmpty = workspaces.data?.length === 0;
  // A brand-new person (or someone who came here to create one) starts typing at once.
  const focusCreate = isEmpty || params.get('create') === '1';

  let list: ReactNode;
  if (workspaces.isPending) list = <LoadingState />;
  else if (workspaces.isError)
    list = (
      <ErrorState
        message={t(errorKey(workspaces.error))}
        onRetry={() => void workspaces.refetch()}
        retrying={workspaces.isFetching}
      />
    );
  else if (isEmpty)
    list = (
      <EmptyState title={t('workspaces.emptyTitle')}>
        <p>{t('workspaces.emptyBody')}</p>
      </EmptyState>
    );
  else list = <WorkspaceList workspaces={workspaces.data} />;

  return (
    <div className="stack-lg">
      <div>
        <h1>{isEmpty ? t('workspaces.welcome', { name: user.name }) : t('workspaces.title')}</h1>
        <p className="muted">{t('workspaces.intro')}</p>
      </div>
      <section aria-labelledby="workspaces-mine">
        <h2 id="workspaces-mine" className="visually-hidden">
          {t('workspaces.mine')}
        </h2>
        {list}
      </section>
      <section className="card" aria-labelledby="workspaces-create">
        <h2 id="workspaces-create">{t('workspaces.create.title')}</h2>
        {!workspaces.isPending && (
          <CreateWorkspaceForm
            autoFocus={focusCreate}
            onCreated={(workspace) => {
              toast.success(t('workspaces.create.done', { name: workspace.name }));
              void navigate(`/w/${workspace.id}`);
            }}
          />
        )}
      </section>
    </div>
  );
}
