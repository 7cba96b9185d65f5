import type { Area } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaFormDialog } from '../features/areas/AreaFormDialog.tsx';
import { AreaList } from '../features/areas/AreaList.tsx';
import { AreasLoaded } from '../features/areas/AreasLoaded.tsx';
import { AreasTabs } from '../features/areas/AreasTabs.tsx';
import { useAreas } from '../features/areas/hooks.ts';
import { useRequiredUser } from '../features/auth/session.ts';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { PlusIcon } from '../ui/icons.tsx';
import '../features/tasks/controls.css';
import '../features/areas/areas.css';

type Editing = { mode: 'create' } | { mode: 'edit'; area: Area } | null;

export function AreasPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const [showArchived, setShowArchived] = useState(false);
  const areas = useAreas(workspace.id, showArchived);
  const people = useMemberMap(workspace.id);
  const [editing, setEditing] = useState<Editing>(null);
  const isOwner = workspace.role === 'owner';
  usePageTitle(t('areas.title'));

  const createButton = (testId: string) =>
    isOwner ? (
      <Button
        variant="primary"
        icon={<PlusIcon />}
        onClick={() => setEditing({ mode: 'create' })}
        disabled={people.isPending}
        data-testid={testId}
      >
        {t('areas.create')}
      </Button>
    ) : null;

  return (
    <div className="stack-lg">
      <div className="page-header">
        <div>
          <h1>{t('areas.title')}</h1>
          <p className="muted">{t('areas.intro')}</p>
        </div>
        {createButton('area-create')}
      </div>
      <AreasTabs workspaceId={workspace.id} />
      <section className="stack" aria-label={t('areas.listLabel')}>
        <label className="check toolbar-check">
          <input
            type="checkbox"
            checked={showArchived}
            onChange={(event) => setShowArchived(event.target.checked)}
            data-testid="areas-show-archived"
          />
          <span>{t('areas.showArchived')}</span>
        </label>
        <AreasLoaded areas={areas} people={people}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState
                title={showArchived ? t('areas.emptyArchivedTitle') : t('areas.emptyTitle')}
                action={createButton('area-create-empty')}
              >
                <p>{isOwner ? t('areas.emptyBodyOwner') : t('areas.emptyBodyAssistant')}</p>
              </EmptyState>
            ) : (
              <AreaList
                workspaceId={workspace.id}
                areas={list}
                members={people.byId}
                canEdit={isOwner}
                onEdit={(area) => setEditing({ mode: 'edit', area })}
              />
            )
          }
        </AreasLoaded>
      </section>
      {editing && (
        <AreaFormDialog
          key={editing.mode === 'edit' ? editing.area.id : 'new'}
          workspaceId={workspace.id}
          area={editing.mode === 'edit' ? editing.area : undefined}
          members={people.members}
          defaultOwnerId={user.id}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}
