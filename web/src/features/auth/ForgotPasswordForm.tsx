import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../lib/use-form.ts';
import { checkEmail } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useRequestPasswordReset } from './hooks.ts';

export function ForgotPasswordForm() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ initial: { email: '' }, validate: (v) => ({ email: checkEmail(v.email) }) });

  if (sentTo) {
    // Same answer whether or not the account exists: the page must not reveal who has one.
    return (
      <div className="stack">
        <Alert tone="success">{t('auth.forgot.sent', { email: sentTo })}</Alert>
        <p className="muted">{t('auth.forgot.sentHint')}</p>
        <div>
          <Button
            variant="ghost"
            onClick={() => {
              setSentTo(null);
              form.reset();
            }}
          >
            {t('auth.forgot.again')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={form.handleSubmit((v) => {
        const email = v.email.trim();
        request.mutate(email, { onSuccess: () => setSentTo(email), onError: form.showError });
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
        autoFocus
        data-testid="forgot-email"
        {...form.field('email')}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={request.isPending} data-testid="forgot-submit">
          {t('auth.forgot.submit')}
        </Button>
      </div>
    </form>
  );
}
