import type { User } from '@leeway/core';
import { isValidTimeZone, locales } from '@leeway/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneOptions } from '../../lib/format.ts';
import { isLocale } from '../../lib/locale.ts';
import { useForm } from '../../lib/use-form.ts';
import { checkPersonName } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUpdateMe } from './hooks.ts';

export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateMe();
  const zones = useMemo(() => timeZoneOptions(user.timeZone), [user.timeZone]);
  const initial = { name: user.name, locale: user.locale as string, timeZone: user.timeZone };
  const form = useForm({
    initial,
    validate: (v) => ({
      name: checkPersonName(v.name),
      timeZone: isValidTimeZone(v.timeZone) ? undefined : { key: 'validation.invalid' },
    }),
  });

  return (
    <form
      ref={form.formRef}
      className="form"
      noValidate
      onSubmit={form.handleSubmit((v) => {
        const locale = isLocale(v.locale) ? v.locale : user.locale;
        update.mutate(
          { name: v.name.trim(), locale, timeZone: v.timeZone },
          {
            onSuccess: (updated) => {
              form.reset({ name: updated.name, locale: updated.locale, timeZone: updated.timeZone });
              toast.success(t('profile.saved', { lng: updated.locale }));
            },
            onError: form.showError,
          },
        );
      })}
    >
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={t('auth.email')} value={user.email} readOnly disabled hint={t('profile.emailHint')} />
      <TextField
        label={t('auth.name')}
        autoComplete="name"
        data-testid="profile-name"
        {...form.field('name')}
      />
      <SelectField
        label={t('profile.language')}
        options={locales.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
        data-testid="profile-locale"
        {...form.field('locale')}
      />
      <SelectField
        label={t('profile.timeZone')}
        hint={t('profile.timeZoneHint')}
        options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
        data-testid="profile-timezone"
        {...form.field('timeZone')}
      />
      <div className="form-actions">
        <Button
          type="submit"
          variant="primary"
          pending={update.isPending}
          disabled={!form.isDirty}
          data-testid="profile-submit"
        >
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
