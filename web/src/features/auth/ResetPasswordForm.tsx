import { limits, type SessionInfo } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { useForm } from '../../lib/use-form.ts';
import { checkNewPassword } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { PasswordField } from '../../ui/Field.tsx';
import { useConfirmPasswordReset } from './hooks.ts';

export interface ResetPasswordFormProps {
  token: string;
  onSuccess: (info: SessionInfo) => void;
  /** The token was refused (expired, used, unknown): the page offers a new link instead. */
  onInvalidToken: () => void;
}

export function ResetPasswordForm({ token, onSuccess, onInvalidToken }: ResetPasswordFormProps) {
  const { t } = useTranslation();
  const confirm = useConfirmPasswordReset();
  const form = useForm({
    initial: { password: '' },
    validate: (v) => ({ password: checkNewPassword(v.password) }),
  });

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={form.handleSubmit((v) =>
        confirm.mutate(
          { token, password: v.password },
          {
            onSuccess,
            onError: (error) => {
              if (error instanceof ApiError && error.code === 'token_invalid') onInvalidToken();
              else form.showError(error);
            },
          },
        ),
      )}
    >
      {form.formError && <Alert>{form.formError}</Alert>}
      <PasswordField
        label={t('auth.reset.newPassword')}
        autoComplete="new-password"
        autoFocus
        hint={t('auth.passwordHint', { min: limits.passwordMin })}
        data-testid="reset-password"
        {...form.field('password')}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={confirm.isPending} data-testid="reset-submit">
          {t('auth.reset.submit')}
        </Button>
      </div>
    </form>
  );
}
