import type { CreatedInvitation, Role } from '@leeway/core';
import { roles } from '@leeway/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../lib/clipboard.ts';
import { useForm } from '../../lib/use-form.ts';
import { checkEmail } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { CopyIcon } from '../../ui/icons.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useCreateInvitation } from './hooks.ts';

function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Creates an invitation and shows its link once: the server keeps only a hash of the token. */
export function InviteForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const create = useCreateInvitation(workspaceId);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const form = useForm({
    initial: { role: 'assistant', email: '' },
    validate: (v) => ({ email: checkEmail(v.email, { required: false }) }),
  });

  if (created) return <CreatedLink created={created} onDone={() => setCreated(null)} />;

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={form.handleSubmit((v) => {
        const role = isRole(v.role) ? v.role : 'assistant';
        const email = v.email.trim();
        create.mutate(email ? { role, email } : { role }, {
          onSuccess: (result) => {
            form.reset();
            setCreated(result);
          },
          onError: form.showError,
        });
      })}
    >
      {form.formError && <Alert>{form.formError}</Alert>}
      <div className="form-row">
        <SelectField
          label={t('invitations.role')}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          data-testid="invite-role"
          {...form.field('role')}
        />
        <TextField
          label={t('invitations.email')}
          optional
          type="email"
          autoComplete="off"
          inputMode="email"
          autoCapitalize="off"
          spellCheck={false}
          hint={t('invitations.emailHint')}
          data-testid="invite-email"
          {...form.field('email')}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={create.isPending} data-testid="invite-create-submit">
          {t('invitations.create')}
        </Button>
      </div>
    </form>
  );
}

function CreatedLink({ created, onDone }: { created: CreatedInvitation; onDone: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const inputRef = useRef<HTMLInputElement>(null);
  const { invitation } = created;

  return (
    <div className="stack" data-testid="invite-created">
      <Alert tone="success">
        {created.emailed && invitation.email
          ? t('invitations.createdEmailed', { email: invitation.email })
          : t('invitations.created')}
      </Alert>
      <div className="field">
        <label className="field-label" htmlFor="invite-url">
          {t('invitations.link')}
        </label>
        <div className="input-group">
          <input
            ref={inputRef}
            id="invite-url"
            className="input input-mono"
            readOnly
            value={created.url}
            onFocus={(event) => event.currentTarget.select()}
            data-testid="invite-url"
          />
          <Button
            className="input-addon-button"
            icon={<CopyIcon />}
            data-testid="invite-copy"
            onClick={async () => {
              const ok = await copyText(created.url, inputRef.current);
              if (ok) toast.success(t('invitations.copied'));
              else toast.error(t('invitations.copyFailed'));
            }}
          >
            {t('common.copy')}
          </Button>
        </div>
        <p className="field-hint">
          {t('invitations.linkOnce', {
            role: t(`roles.${invitation.role}`),
            date: format.date(invitation.expiresAt),
          })}
        </p>
      </div>
      <div>
        <Button onClick={onDone} data-testid="invite-done">
          {t('invitations.another')}
        </Button>
      </div>
    </div>
  );
}
