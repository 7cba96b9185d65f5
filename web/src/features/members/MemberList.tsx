import type { Member, Role, Workspace } from '@leeway/core';
import { roles } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { initials } from '../../lib/format.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useRemoveMember, useUpdateMemberRole } from './hooks.ts';

interface MemberListProps {
  workspace: Workspace;
  members: readonly Member[];
  currentUserId: string;
}

const roleOrder: Record<Role, number> = { owner: 0, assistant: 1 };

export function MemberList({ workspace, members, currentUserId }: MemberListProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const updateRole = useUpdateMemberRole(workspace.id, currentUserId);
  const remove = useRemoveMember(workspace.id);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [demotingSelf, setDemotingSelf] = useState<Role | null>(null);
  const isOwner = workspace.role === 'owner';

  const sorted = [...members].sort(
    (a, b) => roleOrder[a.role] - roleOrder[b.role] || a.name.localeCompare(b.name),
  );

  function changeRole(member: Member, role: Role) {
    updateRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () =>
          toast.success(t('members.roleChanged', { name: member.name, role: t(`roles.${role}`) })),
        onError: (error) => toast.error(t(errorKey(error))),
      },
    );
  }

  return (
    <>
      <ul className="list member-list" aria-label={t('members.listLabel')}>
        {sorted.map((member) => {
          const isSelf = member.userId === currentUserId;
          const pendingRole =
            updateRole.isPending && updateRole.variables?.userId === member.userId
              ? updateRole.variables.role
              : null;
          return (
            <li key={member.userId} className="list-row member-row" data-testid="member-row">
              <div className="member-who">
                <span className="avatar" aria-hidden="true">
                  {initials(member.name)}
                </span>
                <div className="member-names">
                  <span className="list-title">
                    {member.name}
                    {isSelf && <span className="badge badge-neutral">{t('members.you')}</span>}
                  </span>
                  <span className="muted member-email">{member.email}</span>
                </div>
              </div>
              <div className="member-joined muted">
                {t('members.joined')} <time dateTime={member.joinedAt}>{format.date(member.joinedAt)}</time>
              </div>
              <div className="member-role">
                {isOwner ? (
                  <select
                    className="input select input-sm"
                    value={pendingRole ?? member.role}
                    disabled={pendingRole !== null}
                    aria-label={t('members.roleOf', { name: member.name })}
                    data-testid="member-role"
                    onChange={(event) => {
                      const role = event.target.value as Role;
                      if (isSelf && role !== 'owner') setDemotingSelf(role);
                      else changeRole(member, role);
                    }}
                  >
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className={`badge badge-${member.role}`}>{t(`roles.${member.role}`)}</span>
                )}
              </div>
              <div className="member-actions">
                {isOwner && !isSelf && (
                  <Button
                    size="sm"
                    variant="ghost"
                    className="button-danger-text"
                    onClick={() => {
                      remove.reset();
                      setRemoving(member);
                    }}
                    aria-label={t('members.removeNamed', { name: member.name })}
                    data-testid="member-remove"
                  >
                    {t('members.remove')}
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>

      <ConfirmDialog
        open={removing !== null}
        title={t('members.removeTitle')}
        message={t('members.removeMessage', { name: removing?.name ?? '', workspace: workspace.name })}
        confirmLabel={t('members.remove')}
        pending={remove.isPending}
        error={remove.error ? t(errorKey(remove.error)) : null}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const member = removing;
          if (!member) return;
          remove.mutate(member.userId, {
            onSuccess: () => {
              setRemoving(null);
              toast.success(t('members.removed', { name: member.name }));
            },
          });
        }}
      />

      <ConfirmDialog
        open={demotingSelf !== null}
        title={t('members.demoteSelfTitle')}
        message={t('members.demoteSelfMessage')}
        confirmLabel={t('members.demoteSelfConfirm')}
        onCancel={() => setDemotingSelf(null)}
        onConfirm={() => {
          const self = members.find((m) => m.userId === currentUserId);
          if (self && demotingSelf) changeRole(self, demotingSelf);
          setDemotingSelf(null);
        }}
      />
    </>
  );
}
