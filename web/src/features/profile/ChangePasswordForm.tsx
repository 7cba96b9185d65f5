import { limits } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../lib/use-form.ts';
import { checkExistingPassword, checkNewPassword } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { PasswordField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useChangePassword } from './hooks.ts';

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const toast = useToast();
  const change = useChangePassword();
  const form = useForm({
    initial: { currentPassword: '', newPassword: '' },
    validate: (v) => ({
      currentPassword: checkExistingPassword(v.currentPassword),
      newPassword: checkNewPassword(v.newPassword),
    }),
    codeFields: {
      invalid_credentials: { field: 'currentPassword', message: 'profile.password.wrongCurrent' },
    },
  });

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={form.handleSubmit((v) =>
        change.mutate(v, {
          onSuccess: () => {
            form.reset();
            toast.success(t('profile.password.changed'));
          },
          onError: form.showError,
        }),
      )}
    >
      {form.formError && <Alert>{form.formError}</Alert>}
      <PasswordField
        label={t('profile.password.current')}
        autoComplete="current-password"
        data-testid="password-current"
        {...form.field('currentPassword')}
      />
      <PasswordField
        label={t('profile.password.new')}
        autoComplete="new-password"
        hint={t('auth.passwordHint', { min: limits.passwordMin })}
        data-testid="password-new"
        {...form.field('newPassword')}
      />
      <p className="muted">{t('profile.password.note')}</p>
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={change.isPending} data-testid="password-submit">
          {t('profile.password.submit')}
        </Button>
      </div>
    </form>
  );
}
