import type { Workspace } from '@leeway/core';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { useMyAutonomy, useReviewQueue } from '../../features/autonomy/hooks.ts';
import { WorkspaceShortcuts } from '../../features/board/shortcuts.tsx';
import { useLiveEvents } from '../../features/live/useLiveEvents.ts';
import { CurrentWorkspaceContext } from '../../features/workspaces/context.ts';
import { useWorkspace } from '../../features/workspaces/hooks.ts';
import { forgetWorkspace, rememberWorkspace } from '../../features/workspaces/last-workspace.ts';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import {
  AreasIcon,
  BoardIcon,
  BookIcon,
  CalendarIcon,
  ChartIcon,
  CheckIcon,
  FlagIcon,
  HomeIcon,
  InboxIcon,
  LightbulbIcon,
  MeetingIcon,
  MembersIcon,
  MoreIcon,
  PulseIcon,
  QuestionIcon,
  RouteIcon,
  SettingsIcon,
  TargetIcon,
  WeekIcon,
} from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { TopBar } from './TopBar.tsx';
import '../../features/autonomy/autonomy.css';

interface NavEntry {
  to: string;
  end: boolean;
  label: string;
  icon: ReactNode;
  testId: string;
  /** A count shown on the item (results waiting for review). */
  badge?: { count: number; label: string } | undefined;
}

function WorkspaceNav({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const base = `/w/${workspace.id}`;
  const isOwner = workspace.role === 'owner';
  // Reviewers: owners, and assistants at level 5 somewhere (they review others' work there).
  const mine = useMyAutonomy(workspace.id, !isOwner);
  const reviewsAnything = isOwner || (mine.data ?? []).some((cell) => cell.grant.effectiveLevel === 5);
  const queue = useReviewQueue(workspace.id, reviewsAnything);
  const waiting = queue.data?.length ?? 0;
  const [moreOpen, setMoreOpen] = useState(false);
  useEffect(() => {
    if (!moreOpen) return;
    const close = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMoreOpen(false);
    };
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
  }, [moreOpen]);
  const ladder: NavEntry[] = [
    ...(reviewsAnything
      ? [
          {
            to: `${base}/reviews`,
            end: false,
            label: t('autonomy.nav.reviews'),
            icon: <CheckIcon />,
            testId: 'nav-reviews',
            badge:
              waiting > 0
                ? { count: waiting, label: t('autonomy.nav.reviewsCount', { count: waiting }) }
                : undefined,
          },
        ]
      : []),
    ...(!isOwner
      ? [
          {
            to: `${base}/autonomy`,
            end: false,
            label: t('autonomy.nav.mine'),
            icon: <FlagIcon />,
            testId: 'nav-autonomy',
          },
        ]
      : []),
  ];
  const items: NavEntry[] = [
    { to: base, end: true, label: t('nav.home'), icon: <HomeIcon />, testId: 'nav-home' },
    {
      to: `${base}/inbox`,
      end: false,
      label: t('tasks.inbox.nav'),
      icon: <InboxIcon />,
      testId: 'nav-inbox',
    },
    {
      to: `${base}/board`,
      end: false,
      label: t('board.nav.board'),
      icon: <BoardIcon />,
      testId: 'nav-board',
    },
    { to: `${base}/week`, end: false, label: t('board.nav.week'), icon: <WeekIcon />, testId: 'nav-week' },
    {
      to: `${base}/calendar`,
      end: false,
      label: t('board.nav.calendar'),
      icon: <CalendarIcon />,
      testId: 'nav-calendar',
    },
    ...ladder,
    {
      to: `${base}/questions`,
      end: false,
      label: t('questions.nav'),
      icon: <QuestionIcon />,
      testId: 'nav-questions',
    },
    {
      to: `${base}/meetings`,
      end: false,
      label: t('meetings.nav'),
      icon: <MeetingIcon />,
      testId: 'nav-meetings',
    },
    {
      to: `${base}/check-ins`,
      end: false,
      label: t('checkins.nav'),
      icon: <PulseIcon />,
      testId: 'nav-checkins',
    },
    { to: `${base}/areas`, end: false, label: t('areas.nav'), icon: <AreasIcon />, testId: 'nav-areas' },
    { to: `${base}/sops`, end: false, label: t('sops.nav'), icon: <BookIcon />, testId: 'nav-sops' },
    {
      to: `${base}/onboarding`,
      end: false,
      label: t('onboarding.nav'),
      icon: <RouteIcon />,
      testId: 'nav-onboarding',
    },
    {
      to: `${base}/goals`,
      end: false,
      label: t('goals.nav'),
      icon: <TargetIcon />,
      testId: 'nav-goals',
    },
    {
      to: `${base}/lessons`,
      end: false,
      label: t('lessons.nav'),
      icon: <LightbulbIcon />,
      testId: 'nav-lessons',
    },
    // The index is a mirror for principals only (DESIGN §10); assistants never see the entry.
    ...(isOwner
      ? [
          {
            to: `${base}/insights`,
            end: false,
            label: t('insights.nav'),
            icon: <ChartIcon />,
            testId: 'nav-insights',
          },
        ]
      : []),
    {
      to: `${base}/members`,
      end: false,
      label: t('nav.members'),
      icon: <MembersIcon />,
      testId: 'nav-members',
    },
    // Everyone: assistants read the ladder's thresholds there; owners change them.
    {
      to: `${base}/settings`,
      end: false,
      label: t('nav.settings'),
      icon: <SettingsIcon />,
      testId: 'nav-settings',
    },
  ];
  // On a phone the bottom bar holds the four places used most (the review queue for those who
  // review) and "More" opens the rest; on wider screens the rail lists everything.
  const phoneFirst = [
    'nav-home',
    'nav-board',
    'nav-week',
    items.some((i) => i.testId === 'nav-reviews') ? 'nav-reviews' : 'nav-questions',
  ];
  return (
    <nav className={`nav${moreOpen ? ' nav-more-open' : ''}`} aria-label={t('nav.label')}>
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.to} className={phoneFirst.includes(item.testId) ? undefined : 'nav-secondary'}>
            <NavLink
              to={item.to}
              end={item.end}
              className="nav-item"
              data-testid={item.testId}
              onClick={() => setMoreOpen(false)}
            >
              {item.icon}
              <span className="nav-label">{item.label}</span>
              {item.badge && (
                <span className="nav-badge" data-testid={`${item.testId}-count`}>
                  <span aria-hidden="true">{item.badge.count}</span>
                  <span className="visually-hidden">{item.badge.label}</span>
                </span>
              )}
            </NavLink>
          </li>
        ))}
        <li className="nav-more">
          <button
            type="button"
            className="nav-item"
            aria-expanded={moreOpen}
            aria-label={t('nav.moreLabel')}
            data-testid="nav-more"
            onClick={() => setMoreOpen((open) => !open)}
          >
            <MoreIcon />
            <span className="nav-label">{t('nav.more')}</span>
          </button>
        </li>
      </ul>
    </nav>
  );
}

function WorkspaceMissing() {
  const { t } = useTranslation();
  usePageTitle(t('workspace.notFoundTitle'));
  return (
    <div className="stack" data-testid="workspace-missing">
      <h1>{t('workspace.notFoundTitle')}</h1>
      <p className="muted">{t('workspace.notFoundBody')}</p>
      <p>
        <Link className="button button-primary" to="/workspaces">
          {t('workspace.toList')}
        </Link>
      </p>
    </div>
  );
}

/** The /w/:workspaceId frame: top bar with switcher, navigation rail (bottom bar on phones). */
export function WorkspaceLayout() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const query = useWorkspace(workspaceId);
  const workspace = query.isError ? undefined : query.data;
  const missing =
    query.error instanceof ApiError && (query.error.code === 'not_found' || query.error.code === 'forbidden');
  // One live event stream for the open workspace (not for a placeholder while switching).
  useLiveEvents(workspace && !query.isPlaceholderData ? workspace.id : undefined);

  useEffect(() => {
    if (query.data && !query.isPlaceholderData && !query.isError) rememberWorkspace(query.data.id);
  }, [query.data, query.isPlaceholderData, query.isError]);
  useEffect(() => {
    if (missing) forgetWorkspace(workspaceId);
  }, [missing, workspaceId]);

  let content: ReactNode;
  if (workspace) {
    content = (
      <CurrentWorkspaceContext.Provider value={workspace}>
        <Outlet />
      </CurrentWorkspaceContext.Provider>
    );
  } else if (missing) {
    content = <WorkspaceMissing />;
  } else if (query.isError) {
    content = (
      <ErrorState
        message={t(errorKey(query.error))}
        onRetry={() => void query.refetch()}
        retrying={query.isFetching}
      />
    );
  } else {
    content = <LoadingState />;
  }

  return (
    <div className={`app${workspace ? ' app-with-nav' : ''}`}>
      <TopBar workspace={workspace} />
      <div className="shell">
        {workspace && <WorkspaceNav workspace={workspace} />}
        {workspace && <WorkspaceShortcuts workspaceId={workspace.id} />}
        <main id="main" tabIndex={-1} className={workspace ? 'page' : 'page page-narrow'}>
          {content}
        </main>
      </div>
    </div>
  );
}
