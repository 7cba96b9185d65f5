import type { OnboardingItem, OnboardingPlan } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { AddItemDialog } from './AddItemDialog.tsx';
import { formatDay, groupByWeek } from './dates.ts';
import { useDeleteOnboardingItem, useToggleOnboardingItem } from './hooks.ts';
import { KindIcon } from './parts.tsx';

type Order = 'week' | 'due';

function ItemRow({
  workspaceId,
  item,
  canTick,
  canEdit,
  onToggle,
  onRemove,
}: {
  workspaceId: string;
  item: OnboardingItem;
  canTick: boolean;
  canEdit: boolean;
  onToggle: (done: boolean) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const done = item.doneAt !== null;
  const autoHint =
    item.kind === 'acknowledge_sop'
      ? done
        ? t('onboarding.items.autoDoneSop')
        : t('onboarding.items.autoSop')
      : item.kind === 'first_task'
        ? done
          ? t('onboarding.items.autoDoneTask')
          : t('onboarding.items.autoTask')
        : t('onboarding.items.autoDone');
  const showHint = done
    ? item.doneHow === 'auto'
    : item.kind === 'acknowledge_sop' || item.kind === 'first_task';

  return (
    <li
      className={`onb-item${done ? ' onb-done' : ''}${item.overdue ? ' onb-late' : ''}`}
      data-testid="onboarding-item"
      data-kind={item.kind}
      data-done={done ? 'true' : 'false'}
    >
      <input
        id={id}
        type="checkbox"
        className="onb-item-check"
        checked={done}
        disabled={!canTick}
        data-testid="onboarding-item-toggle"
        aria-describedby={`${id}-meta`}
        onChange={(event) => onToggle(event.target.checked)}
      />
      <div className="onb-item-body">
        <label htmlFor={id} className="onb-item-title">
          {item.title}
        </label>
        <p className="onb-item-meta" id={`${id}-meta`}>
          <span className="onb-kind">
            <KindIcon kind={item.kind} />
            {t(`onboarding.kinds.${item.kind}`)}
          </span>
          <span>{t('onboarding.items.due', { date: formatDay(item.dueOn, i18n.language) })}</span>
          {item.overdue && !done && (
            <span className="badge onb-overdue">{t('onboarding.items.overdue')}</span>
          )}
        </p>
        {showHint && <p className="onb-item-hint">{autoHint}</p>}
        {item.access && (
          <dl className="onb-access">
            <div>
              <dt>{t('onboarding.items.system')}</dt>
              <dd>{item.access.system}</dd>
            </div>
            <div>
              <dt>{t('onboarding.items.leastPrivilege')}</dt>
              <dd>{item.access.leastPrivilege}</dd>
            </div>
          </dl>
        )}
        {item.sopId && (
          <p className="onb-item-link">
            <Link to={`/w/${workspaceId}/sops/${item.sopId}`}>
              {t('onboarding.items.openSop', { title: item.sopTitle ?? t('onboarding.items.sop') })}
            </Link>
          </p>
        )}
        {item.taskId && (
          <p className="onb-item-link">
            <Link to={`/w/${workspaceId}/tasks/${item.taskId}`}>
              {t('onboarding.items.openTask', { title: item.taskTitle ?? t('onboarding.items.task') })}
            </Link>
          </p>
        )}
      </div>
      {canEdit && (
        <button
          type="button"
          className="icon-button icon-button-danger"
          aria-label={t('onboarding.items.remove', { title: item.title })}
          data-testid="onboarding-item-remove"
          onClick={onRemove}
        >
          ×
        </button>
      )}
    </li>
  );
}

/** The plan's items, by week or by due date; ticking is instant and undone if the server refuses. */
export function ItemsCard({
  workspaceId,
  plan,
  userId,
  today,
  isOwner,
}: {
  workspaceId: string;
  plan: OnboardingPlan;
  userId: string;
  today: string;
  isOwner: boolean;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const [order, setOrder] = useState<Order>('week');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<OnboardingItem | null>(null);
  const toggle = useToggleOnboardingItem(workspaceId, plan.id, userId, today);
  const remove = useDeleteOnboardingItem(workspaceId, plan.id);
  const active = plan.status === 'active';
  const canTick = active && (isOwner || plan.assistantId === userId);
  const canEdit = isOwner && active;
  const hasAccess = plan.items.some((i) => i.kind === 'access');

  const row = (item: OnboardingItem) => (
    <ItemRow
      key={item.id}
      workspaceId={workspaceId}
      item={item}
      canTick={canTick}
      canEdit={canEdit}
      onRemove={() => setRemoving(item)}
      onToggle={(done) =>
        toggle.mutate(
          { itemId: item.id, done },
          {
            onError: (error) =>
              toast.error(t('onboarding.items.toggleFailed', { reason: t(errorKey(error)) })),
          },
        )
      }
    />
  );

  const byDue = [...plan.items].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.dueDay - b.dueDay);

  return (
    <section className="card stack" aria-labelledby="onb-items-title">
      <div className="card-header">
        <h2 id="onb-items-title">{t('onboarding.items.title')}</h2>
        <div className="onb-toolbar">
          <fieldset className="onb-segmented">
            <legend className="visually-hidden">{t('onboarding.items.order')}</legend>
            {(['week', 'due'] as const).map((value) => (
              <label key={value} className={`onb-segment${order === value ? ' onb-selected' : ''}`}>
                <input
                  type="radio"
                  name="onb-order"
                  className="visually-hidden"
                  checked={order === value}
                  onChange={() => setOrder(value)}
                />
                {t(`onboarding.items.by.${value}`)}
              </label>
            ))}
          </fieldset>
          {canEdit && (
            <Button
              size="sm"
              icon={<PlusIcon />}
              onClick={() => setAdding(true)}
              data-testid="onboarding-item-add"
            >
              {t('onboarding.items.add')}
            </Button>
          )}
        </div>
      </div>
      {hasAccess && (
        <Alert tone="info">
          <strong>{t('onboarding.items.passwordsTitle')}</strong> {t('onboarding.items.passwords')}{' '}
          {plan.passwordNote}
        </Alert>
      )}
      {plan.items.length === 0 ? (
        <p className="muted">{t('onboarding.items.empty')}</p>
      ) : order === 'week' ? (
        groupByWeek(plan.items).map((group) => (
          <div key={group.week} className="onb-week">
            <h3 className="onb-subhead">{t('onboarding.items.week', { week: group.week })}</h3>
            <ul className="onb-items">{group.items.map(row)}</ul>
          </div>
        ))
      ) : (
        <ul className="onb-items">{byDue.map(row)}</ul>
      )}
      {adding && <AddItemDialog workspaceId={workspaceId} plan={plan} onClose={() => setAdding(false)} />}
      <ConfirmDialog
        open={removing !== null}
        title={t('onboarding.items.removeTitle')}
        message={t('onboarding.items.removeMessage', { title: removing?.title ?? '' })}
        confirmLabel={t('onboarding.items.removeConfirm')}
        pending={remove.isPending}
        error={remove.isError ? t(errorKey(remove.error)) : null}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.id, {
            onSuccess: () => {
              setRemoving(null);
              toast.success(t('onboarding.items.removed'));
            },
          });
        }}
      />
    </section>
  );
}
