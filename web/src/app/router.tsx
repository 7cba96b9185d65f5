import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from '../features/auth/RequireAuth.tsx';
import { ForgotPasswordPage } from '../pages/ForgotPasswordPage.tsx';
import { HomeRedirectPage } from '../pages/HomeRedirectPage.tsx';
import { InvitePage } from '../pages/InvitePage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { ResetPasswordPage } from '../pages/ResetPasswordPage.tsx';
import { SignupPage } from '../pages/SignupPage.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { AuthLayout } from './layouts/AuthLayout.tsx';
import { PublicOnly } from './PublicOnly.tsx';
import { Root } from './Root.tsx';
import { RouteError } from './RouteError.tsx';

/*
 * The signed-out pages ship in the first bundle (they are the first screen for a newcomer);
 * the signed-in area loads on demand. Each `lazy` returns the route's Component.
 */
const accountLayout = () =>
  import('./layouts/AccountLayout.tsx').then((m) => ({ Component: m.AccountLayout }));
const workspaceLayout = () =>
  import('./layouts/WorkspaceLayout.tsx').then((m) => ({ Component: m.WorkspaceLayout }));

export const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <RouteError />,
    hydrateFallbackElement: (
      <div className="boot">
        <LoadingState />
      </div>
    ),
    children: [
      {
        element: <AuthLayout />,
        children: [
          {
            element: <PublicOnly />,
            children: [
              { path: '/login', element: <LoginPage /> },
              { path: '/signup', element: <SignupPage /> },
              { path: '/forgot-password', element: <ForgotPasswordPage /> },
            ],
          },
          { path: '/reset-password', element: <ResetPasswordPage /> },
          { path: '/invite', element: <InvitePage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          { path: '/', element: <HomeRedirectPage /> },
          {
            lazy: accountLayout,
            children: [
              {
                path: '/workspaces',
                lazy: () =>
                  import('../pages/WorkspacesPage.tsx').then((m) => ({ Component: m.WorkspacesPage })),
              },
              {
                path: '/profile',
                lazy: () => import('../pages/ProfilePage.tsx').then((m) => ({ Component: m.ProfilePage })),
              },
            ],
          },
          {
            path: '/w/:workspaceId',
            lazy: workspaceLayout,
            children: [
              {
                index: true,
                lazy: () =>
                  import('../pages/WorkspaceHomePage.tsx').then((m) => ({ Component: m.WorkspaceHomePage })),
              },
              // Inbox, task detail, areas and the responsibility matrix.
              {
                path: 'inbox',
                lazy: () => import('../pages/InboxPage.tsx').then((m) => ({ Component: m.InboxPage })),
              },
              {
                path: 'tasks/:taskId',
                lazy: () => import('../pages/TaskPage.tsx').then((m) => ({ Component: m.TaskPage })),
              },
              {
                path: 'areas',
                lazy: () => import('../pages/AreasPage.tsx').then((m) => ({ Component: m.AreasPage })),
              },
              // The autonomy ladder: the matrix grown into the delegation board, reviews, my levels.
              {
                path: 'areas/matrix',
                lazy: () =>
                  import('../pages/DelegationBoardPage.tsx').then((m) => ({
                    Component: m.DelegationBoardPage,
                  })),
              },
              {
                path: 'reviews',
                lazy: () => import('../pages/ReviewsPage.tsx').then((m) => ({ Component: m.ReviewsPage })),
              },
              {
                path: 'autonomy',
                lazy: () =>
                  import('../pages/MyAutonomyPage.tsx').then((m) => ({ Component: m.MyAutonomyPage })),
              },
              // Task views: board, list, my week, calendar.
              {
                path: 'board',
                lazy: () => import('../pages/BoardPage.tsx').then((m) => ({ Component: m.BoardPage })),
              },
              {
                path: 'list',
                lazy: () => import('../pages/ListPage.tsx').then((m) => ({ Component: m.ListPage })),
              },
              {
                path: 'week',
                lazy: () => import('../pages/MyWeekPage.tsx').then((m) => ({ Component: m.MyWeekPage })),
              },
              {
                path: 'calendar',
                lazy: () => import('../pages/CalendarPage.tsx').then((m) => ({ Component: m.CalendarPage })),
              },
              // The rhythm: questions, check-ins, meetings (issue 6).
              {
                path: 'questions',
                lazy: () =>
                  import('../pages/QuestionsPage.tsx').then((m) => ({ Component: m.QuestionsPage })),
              },
              {
                path: 'check-ins',
                lazy: () => import('../pages/CheckInsPage.tsx').then((m) => ({ Component: m.CheckInsPage })),
              },
              {
                path: 'meetings',
                lazy: () => import('../pages/MeetingsPage.tsx').then((m) => ({ Component: m.MeetingsPage })),
              },
              {
                path: 'meetings/:meetingId',
                lazy: () => import('../pages/MeetingPage.tsx').then((m) => ({ Component: m.MeetingPage })),
              },
              // The knowledge loop: SOPs, onboarding plans, lessons (issue 5).
              {
                path: 'sops',
                lazy: () => import('../pages/SopsPage.tsx').then((m) => ({ Component: m.SopsPage })),
              },
              {
                path: 'sops/:sopId',
                lazy: () => import('../pages/SopPage.tsx').then((m) => ({ Component: m.SopPage })),
              },
              {
                path: 'onboarding',
                lazy: () =>
                  import('../pages/OnboardingPage.tsx').then((m) => ({ Component: m.OnboardingPage })),
              },
              {
                path: 'onboarding/:planId',
                lazy: () =>
                  import('../pages/OnboardingPlanPage.tsx').then((m) => ({
                    Component: m.OnboardingPlanPage,
                  })),
              },
              {
                path: 'lessons',
                lazy: () => import('../pages/LessonsPage.tsx').then((m) => ({ Component: m.LessonsPage })),
              },
              {
                path: 'lessons/:lessonId',
                lazy: () => import('../pages/LessonPage.tsx').then((m) => ({ Component: m.LessonPage })),
              },
              {
                path: 'goals',
                lazy: () => import('../pages/GoalsPage.tsx').then((m) => ({ Component: m.GoalsPage })),
              },
              {
                path: 'missions/:missionId',
                lazy: () => import('../pages/MissionPage.tsx').then((m) => ({ Component: m.MissionPage })),
              },
              // The micromanagement index, for principals (issue 7).
              {
                path: 'insights',
                lazy: () => import('../pages/InsightsPage.tsx').then((m) => ({ Component: m.InsightsPage })),
              },
              {
                path: 'members',
                lazy: () => import('../pages/MembersPage.tsx').then((m) => ({ Component: m.MembersPage })),
              },
              {
                path: 'settings',
                lazy: () => import('../pages/SettingsPage.tsx').then((m) => ({ Component: m.SettingsPage })),
              },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Every route of the app, in one place (library mode: data comes from react-query hooks). */
export function createRouter() {
  return createBrowserRouter(routes);
}
