import type { Notification } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { BellIcon } from '../../ui/icons.tsx';
import { Popover } from '../../ui/Popover.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from './hooks.ts';
import { relativeTime } from './relative-time.ts';
import './notifications.css';

function NotificationText({ notification }: { notification: Notification }) {
  const { t } = useTranslation();
  const values = {
    actor: notification.actorName || t('notifications.someone'),
    task: notification.taskTitle,
  };
  switch (notification.kind) {
    case 'assigned':
      return <>{t('notifications.kinds.assigned', values)}</>;
    case 'mentioned':
      return <>{t('notifications.kinds.mentioned', values)}</>;
    case 'commented':
      return <>{t('notifications.kinds.commented', values)}</>;
    case 'due_soon':
      return <>{t('notifications.kinds.due_soon', values)}</>;
    case 'overdue':
      return <>{t('notifications.kinds.overdue', values)}</>;
    case 'review_requested':
      return <>{t('notifications.kinds.review_requested', values)}</>;
    case 'review_decided':
      return <>{t('notifications.kinds.review_decided', values)}</>;
    case 'level_proposal':
      return <>{t('notifications.kinds.level_proposal', values)}</>;
    case 'assistant_activity':
      return <>{t('notifications.kinds.assistant_activity', values)}</>;
    case 'nudge':
      return <>{t('notifications.kinds.nudge', values)}</>;
    case 'sop_review_due':
      return (
        <>{t('notifications.kinds.sop_review_due', { ...values, subject: notification.subjectTitle })}</>
      );
    case 'sop_acknowledge':
      return (
        <>{t('notifications.kinds.sop_acknowledge', { ...values, subject: notification.subjectTitle })}</>
      );
    case 'follow_up':
      return <>{t('notifications.kinds.follow_up', { ...values, subject: notification.subjectTitle })}</>;
    case 'lesson':
      return <>{t('notifications.kinds.lesson', { ...values, subject: notification.subjectTitle })}</>;
    case 'question_asked':
    case 'question_answered':
    case 'question_waiting':
    case 'checkin_reminder':
    case 'meeting_summary':
    case 'mission_assigned':
    case 'insights_digest':
      return (
        <>
          {t(`notifications.kinds.${notification.kind}`, { ...values, subject: notification.subjectTitle })}
        </>
      );
  }
}

/** Where a notification leads: its task, or the SOP, lesson or onboarding plan it is about. */
export function notificationPath(workspaceId: string, n: Notification): string | null {
  if (n.subjectId) {
    switch (n.subjectType) {
      case 'sop':
        return `/w/${workspaceId}/sops/${n.subjectId}`;
      case 'lesson':
        return `/w/${workspaceId}/lessons/${n.subjectId}`;
      case 'onboarding_plan':
        return `/w/${workspaceId}/onboarding/${n.subjectId}`;
      case 'question':
        return `/w/${workspaceId}/questions?question=${n.subjectId}`;
      case 'meeting':
        return `/w/${workspaceId}/meetings/${n.subjectId}`;
      case 'check_in':
        return `/w/${workspaceId}/check-ins`;
      case 'mission':
        return `/w/${workspaceId}/missions/${n.subjectId}`;
      case 'insight_digest':
        return `/w/${workspaceId}/insights?digest=${n.subjectId}`;
    }
  }
  return n.taskId ? `/w/${workspaceId}/tasks/${n.taskId}` : null;
}

function NotificationList({ workspaceId, close }: { workspaceId: string; close: () => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const format = useUserFormat();
  const list = useNotifications(workspaceId);
  const markRead = useMarkNotificationRead(workspaceId);
  const markAll = useMarkAllNotificationsRead(workspaceId);
  const now = Date.now();

  function open(n: Notification) {
    if (!n.readAt) markRead.mutate(n.id);
    close();
    const path = notificationPath(workspaceId, n);
    if (path) void navigate(path);
  }

  return (
    <div className="notifications" data-testid="notification-panel">
      <div className="notifications-header">
        <h2 className="notifications-title">{t('notifications.title')}</h2>
        {list.data && list.data.unread > 0 && (
          <Button
            size="sm"
            variant="ghost"
            pending={markAll.isPending}
            data-testid="notification-read-all"
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: () => toast.success(t('notifications.allRead')),
                onError: (error) => toast.error(t(errorKey(error))),
              })
            }
          >
            {t('notifications.markAll')}
          </Button>
        )}
      </div>
      {list.isPending ? (
        <div className="notifications-state">
          <Spinner />
        </div>
      ) : list.isError ? (
        <div className="notifications-state" role="alert">
          <p>{t(errorKey(list.error))}</p>
          <Button size="sm" onClick={() => void list.refetch()} pending={list.isFetching}>
            {t('common.retry')}
          </Button>
        </div>
      ) : list.data.items.length === 0 ? (
        <p className="notifications-state muted">{t('notifications.empty')}</p>
      ) : (
        <ul className="notification-list">
          {list.data.items.map((n) => {
            const when = relativeTime(n.createdAt, now, i18n.language) ?? format.dateTime(n.createdAt);
            return (
              <li key={n.id}>
                <button
                  type="button"
                  className={`notification${n.readAt ? '' : ' is-unread'}`}
                  data-testid="notification-item"
                  data-kind={n.kind}
                  data-read={n.readAt !== null}
                  onClick={() => open(n)}
                >
                  <span className="notification-dot" aria-hidden="true" />
                  <span className="notification-body">
                    <span className="notification-text">
                      {!n.readAt && <span className="visually-hidden">{t('notifications.unreadMark')} </span>}
                      <NotificationText notification={n} />
                    </span>
                    {n.excerpt && <span className="notification-excerpt">{n.excerpt}</span>}
                    <time
                      className="notification-time muted"
                      dateTime={n.createdAt}
                      title={format.dateTime(n.createdAt)}
                    >
                      {when}
                    </time>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The bell in the top bar: unread count of this workspace, and the list in a popover. */
export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const list = useNotifications(workspaceId);
  const unread = list.data?.unread ?? 0;
  const shown = unread > 99 ? '99+' : String(unread);

  return (
    <Popover
      trigger={
        <>
          <BellIcon />
          {unread > 0 && (
            <span className="bell-count" data-testid="notification-count" aria-hidden="true">
              {shown}
            </span>
          )}
        </>
      }
      triggerLabel={unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell')}
      triggerClassName="bell-button"
      triggerTestId="notification-bell"
    >
      {(close) => <NotificationList workspaceId={workspaceId} close={close} />}
    </Popover>
  );
}
