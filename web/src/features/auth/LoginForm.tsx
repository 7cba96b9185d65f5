import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useForm } from '../../lib/use-form.ts';
import { checkEmail, checkExistingPassword } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { PasswordField, TextField } from '../../ui/Field.tsx';
import { useLogin } from './hooks.ts';

/** Success needs no callback: the new session reaches every screen through the session query. */
export interface LoginFormProps {
  initialEmail?: string;
  submitLabel?: string;
  autoFocus?: boolean;
}

export function LoginForm({ initialEmail = '', submitLabel, autoFocus = false }: LoginFormProps) {
  const { t } = useTranslation();
  const login = useLogin();
  const form = useForm({
    initial: { email: initialEmail, password: '' },
    validate: (v) => ({ email: checkEmail(v.email), password: checkExistingPassword(v.password) }),
  });

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={form.handleSubmit((v) =>
        login.mutate({ email: v.email.trim(), password: v.password }, { onError: form.showError }),
      )}
    >
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        inputMode="email"
        autoCapitalize="off"
        spellCheck={false}
        autoFocus={autoFocus}
        data-testid="login-email"
        {...form.field('email')}
      />
      <PasswordField
        label={t('auth.password')}
        autoComplete="current-password"
        data-testid="login-password"
        {...form.field('password')}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={login.isPending} data-testid="login-submit">
          {submitLabel ?? t('auth.login.submit')}
        </Button>
        <Link to="/forgot-password" className="link-subtle">
          {t('auth.login.forgot')}
        </Link>
      </div>
    </form>
  );
}
