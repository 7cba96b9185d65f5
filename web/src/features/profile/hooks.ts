import type { ChangePasswordBody, Locale, SessionInfo, UpdateMeBody, User } from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { storageKeys, writeStorage } from '../../lib/storage.ts';
import { useToast } from '../../ui/Toast.tsx';
import { updateSessionUser, useCurrentUser } from '../auth/session.ts';
import { profileKeys } from './queries.ts';

export function useMe() {
  return useQuery({
    queryKey: profileKeys.me,
    queryFn: ({ signal }) => api.get<User>('/me', { signal }),
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeBody) => api.patch<User>('/me', body),
    onSuccess: (user) => {
      queryClient.setQueryData(profileKeys.me, user);
      updateSessionUser(queryClient, user);
    },
  });
}

/** The server signs out every other session and answers with a fresh one for this browser. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<SessionInfo>('/me/password', body),
  });
}

/**
 * Switches the language at once. Signed in, the choice is also saved to the account so other
 * devices and e-mails follow it; signed out, it is remembered on this browser only.
 */
export function useSetLanguage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const toast = useToast();
  const user = useCurrentUser();
  const update = useUpdateMe();

  return (locale: Locale) => {
    writeStorage(storageKeys.locale, locale);
    void i18n.changeLanguage(locale);
    if (!user || user.locale === locale) return;
    // Optimistic, so the session's old locale doesn't switch the language straight back.
    updateSessionUser(queryClient, { ...user, locale });
    update.mutate({ locale }, { onError: (error) => toast.error(t(errorKey(error), { lng: locale })) });
  };
}
