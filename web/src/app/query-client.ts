import { QueryClient } from '@tanstack/react-query';
import { applySession, endSession } from '../features/auth/session.ts';
import { ApiError, api } from '../lib/api.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx answer won't change on retry; network trouble and 5xx might.
      retry: (failureCount, error) => {
        if (error instanceof ApiError && error.status < 500) return false;
        return failureCount < 2;
      },
    },
    mutations: { retry: false },
  },
});

// The API client reports new sessions and lost ones; the session query is their single home.
api.setHandlers({
  onSession: (info) => applySession(queryClient, info),
  onUnauthenticated: () => endSession(queryClient),
});
