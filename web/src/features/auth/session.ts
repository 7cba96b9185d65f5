import type { SessionInfo, User } from '@leeway/core';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { storageKeys, writeStorage } from '../../lib/storage.ts';
import { sessionKeys } from './queries.ts';

/**
 * Queries whose answer doesn't depend on who is signed in (the session itself, an invitation
 * preview) set this in their `meta`, so signing in doesn't throw them away and refetch them.
 */
export const keepOnUserChange = 'keepOnUserChange';

/** The session: who is signed in (or null) and the CSRF token. Loaded once at boot. */
export function useSession() {
  return useQuery({
    queryKey: sessionKeys.all,
    queryFn: () => api.session(),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
    meta: { [keepOnUserChange]: true },
  });
}

/** The signed-in user, or null. Only meaningful below the boot gate, which waits for the session. */
export function useCurrentUser(): User | null {
  return useSession().data?.user ?? null;
}

/** For pages behind RequireAuth, where a user is guaranteed. */
export function useRequiredUser(): User {
  const user = useCurrentUser();
  if (!user) throw new Error('useRequiredUser outside of a signed-in area');
  return user;
}

/**
 * Stores a new session. When another person signs in, everything cached for the previous one
 * is dropped first, so no list or name of theirs can flash on screen.
 */
export function applySession(queryClient: QueryClient, info: SessionInfo): void {
  const previous = queryClient.getQueryData<SessionInfo>(sessionKeys.all);
  if (info.user && previous?.user?.id !== info.user.id) {
    queryClient.removeQueries({ predicate: (query) => query.meta?.[keepOnUserChange] !== true });
  }
  queryClient.setQueryData<SessionInfo>(sessionKeys.all, info);
  // Remember the language so the login page speaks it after logging out.
  if (info.user) writeStorage(storageKeys.locale, info.user.locale);
}

/** Marks the session as ended (a 401 on a protected call); RequireAuth then sends to /login. */
export function endSession(queryClient: QueryClient): void {
  const previous = queryClient.getQueryData<SessionInfo>(sessionKeys.all);
  if (!previous?.user) return;
  queryClient.setQueryData<SessionInfo>(sessionKeys.all, { user: null, csrfToken: previous.csrfToken });
}

/** Updates the signed-in user in place (after a profile change). */
export function updateSessionUser(queryClient: QueryClient, user: User): void {
  queryClient.setQueryData<SessionInfo>(sessionKeys.all, (previous) =>
    previous ? { ...previous, user } : previous,
  );
  writeStorage(storageKeys.locale, user.locale);
}
