import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AreasLoaded } from '../features/areas/AreasLoaded.tsx';
import { AreasTabs } from '../features/areas/AreasTabs.tsx';
import { useAreas } from '../features/areas/hooks.ts';
import { DelegationBoard } from '../features/autonomy/DelegationBoard.tsx';
import { useAutonomyBoard, useMyAutonomy } from '../features/autonomy/hooks.ts';
import { LevelHeatMap } from '../features/autonomy/LevelHeatMap.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import '../features/tasks/controls.css';
import '../features/areas/areas.css';
import '../features/autonomy/autonomy.css';

/** Areas × people with levels: the responsibility matrix grown into the delegation board. */
export function DelegationBoardPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const isOwner = workspace.role === 'owner';
  const areas = useAreas(workspace.id);
  const people = useMemberMap(workspace.id);
  // Owners see every assistant's cells; an assistant sees their own.
  const board = useAutonomyBoard(workspace.id, isOwner);
  const mine = useMyAutonomy(workspace.id, !isOwner);
  usePageTitle(t('autonomy.board.title'));

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('autonomy.board.title')}</h1>
        <p className="muted">{t('autonomy.board.intro')}</p>
      </div>
      <AreasTabs workspaceId={workspace.id} />
      <AreasLoaded areas={areas} people={people}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title={t('areas.emptyTitle')}
              action={
                isOwner ? (
                  <Link className="button button-primary" to={`/w/${workspace.id}/areas`}>
                    {t('areas.create')}
                  </Link>
                ) : null
              }
            >
              <p>{t('areas.matrix.emptyBody')}</p>
            </EmptyState>
          ) : (
            <DelegationBoard
              workspaceId={workspace.id}
              areas={list}
              members={people.members}
              cells={isOwner ? board : mine}
              canManage={isOwner}
            />
          )
        }
      </AreasLoaded>
      <LevelHeatMap workspaceId={workspace.id} mine={!isOwner} />
    </div>
  );
}
