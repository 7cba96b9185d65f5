import { limits } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { browserTimeZone } from '../../lib/format.ts';
import { isLocale } from '../../lib/locale.ts';
import { useForm } from '../../lib/use-form.ts';
import { checkEmail, checkNewPassword, checkPersonName } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { PasswordField, TextField } from '../../ui/Field.tsx';
import { useSignup } from './hooks.ts';

/** Success needs no callback: the new session reaches every screen through the session query. */
export interface SignupFormProps {
  initialEmail?: string;
  submitLabel?: string;
  autoFocus?: boolean;
}

export function SignupForm({ initialEmail = '', submitLabel, autoFocus = false }: SignupFormProps) {
  const { t, i18n } = useTranslation();
  const signup = useSignup();
  const form = useForm({
    initial: { email: initialEmail, name: '', password: '' },
    validate: (v) => ({
      email: checkEmail(v.email),
      name: checkPersonName(v.name),
      password: checkNewPassword(v.password),
    }),
    codeFields: { email_taken: 'email' },
  });

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={form.handleSubmit((v) => {
        // Language and zone come from what this browser shows now; both can be changed later.
        const locale = isLocale(i18n.language) ? i18n.language : undefined;
        signup.mutate(
          {
            email: v.email.trim(),
            name: v.name.trim(),
            password: v.password,
            timeZone: browserTimeZone(),
            ...(locale ? { locale } : {}),
          },
          { onError: form.showError },
        );
      })}
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
        data-testid="signup-email"
        {...form.field('email')}
      />
      <TextField
        label={t('auth.name')}
        autoComplete="name"
        hint={t('auth.signup.nameHint')}
        data-testid="signup-name"
        {...form.field('name')}
      />
      <PasswordField
        label={t('auth.password')}
        autoComplete="new-password"
        hint={t('auth.passwordHint', { min: limits.passwordMin })}
        data-testid="signup-password"
        {...form.field('password')}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={signup.isPending} data-testid="signup-submit">
          {submitLabel ?? t('auth.signup.submit')}
        </Button>
      </div>
    </form>
  );
}
