import type { LoginBody, SessionInfo, SignupBody } from '@leeway/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../lib/api.ts';
import { applySession, keepOnUserChange } from './session.ts';

// Session-returning calls need no onSuccess here: the API client hands every SessionInfo it
// sees to applySession (wired in app/query-client.ts), which also replaces the CSRF token.

export function useLogin() {
  return useMutation({
    mutationFn: (body: LoginBody) => api.post<SessionInfo>('/auth/login', body),
  });
}

export function useSignup() {
  return useMutation({
    mutationFn: (body: SignupBody) => api.post<SessionInfo>('/auth/signup', body),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => api.post<void>('/auth/password-reset', { email }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      api.post<SessionInfo>('/auth/password-reset/confirm', body),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/auth/logout');
      } catch (error) {
        // Already signed out elsewhere: the goal is reached.
        if (!(error instanceof ApiError && error.code === 'unauthenticated')) throw error;
      }
      // A fresh anonymous session brings the CSRF token the login form will need.
      return api.session();
    },
    onSuccess: async (info) => {
      // Leave the protected page first, so it doesn't redirect to /login?next=… on the way out.
      await navigate('/login', { replace: true });
      applySession(queryClient, info);
      queryClient.removeQueries({ predicate: (query) => query.meta?.[keepOnUserChange] !== true });
    },
  });
}
