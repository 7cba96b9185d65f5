import type {
  AddOnboardingItemBody,
  OnboardingItem,
  OnboardingPlan,
  OnboardingPlanSummary,
  OnboardingTemplateView,
  SopSummary,
  StartOnboardingPlanBody,
  SupportEpisode,
  UpdateOnboardingItemBody,
  UpdateOnboardingPlanBody,
} from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { taskKeys } from '../tasks/queries.ts';
import { withItemDone } from './dates.ts';
import { onboardingKeys } from './queries.ts';

const ws = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;
const planPath = (workspaceId: string, planId: string) =>
  `${ws(workspaceId)}/onboarding-plans/${seg(planId)}`;

export function useOnboardingTemplates(workspaceId: string, locale: string, enabled = true) {
  return useQuery({
    queryKey: onboardingKeys.templates(workspaceId, locale),
    queryFn: ({ signal }) =>
      api.get<OnboardingTemplateView[]>(
        `${ws(workspaceId)}/onboarding-templates?locale=${encodeURIComponent(locale)}`,
        { signal },
      ),
    enabled,
  });
}

/** Owners: every plan; an assistant: only their own (the server decides). */
export function useOnboardingPlans(workspaceId: string) {
  return useQuery({
    queryKey: onboardingKeys.plans(workspaceId),
    queryFn: ({ signal }) =>
      api.get<OnboardingPlanSummary[]>(`${ws(workspaceId)}/onboarding-plans`, { signal }),
  });
}

export function useOnboardingPlan(workspaceId: string, planId: string) {
  return useQuery({
    queryKey: onboardingKeys.plan(workspaceId, planId),
    queryFn: ({ signal }) => api.get<OnboardingPlan>(planPath(workspaceId, planId), { signal }),
  });
}

/** Published SOPs to link; another screen's route, so a failure only hides the choice. */
export function usePublishedSops(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: onboardingKeys.sops(workspaceId),
    queryFn: ({ signal }) => api.get<SopSummary[]>(`${ws(workspaceId)}/sops?status=published`, { signal }),
    enabled,
    retry: false,
  });
}

/** Support episodes the caller may see; the plan page picks its own by id. */
export function useSupportEpisodes(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: onboardingKeys.episodes(workspaceId),
    queryFn: ({ signal }) => api.get<SupportEpisode[]>(`${ws(workspaceId)}/support-episodes`, { signal }),
    enabled,
    retry: false,
  });
}

function useStorePlan(workspaceId: string) {
  const queryClient = useQueryClient();
  return (plan: OnboardingPlan) => {
    queryClient.setQueryData(onboardingKeys.plan(workspaceId, plan.id), plan);
    void queryClient.invalidateQueries({ queryKey: onboardingKeys.plans(workspaceId) });
  };
}

export function useStartOnboardingPlan(workspaceId: string) {
  const store = useStorePlan(workspaceId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartOnboardingPlanBody) =>
      api.post<OnboardingPlan>(`${ws(workspaceId)}/onboarding-plans`, body),
    onSuccess: (plan) => {
      store(plan);
      // Starting a plan starts support episodes: the ladder's views change too.
      void queryClient.invalidateQueries({ queryKey: onboardingKeys.episodes(workspaceId) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.all(workspaceId) });
    },
  });
}

/** Charter or status; a 409 carries the current plan, which goes into the cache. */
export function useUpdateOnboardingPlan(workspaceId: string, planId: string) {
  const store = useStorePlan(workspaceId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOnboardingPlanBody) =>
      api.patch<OnboardingPlan>(planPath(workspaceId, planId), body),
    onSuccess: store,
    onError: (error) => {
      const current = conflictPlan(error);
      if (current) queryClient.setQueryData(onboardingKeys.plan(workspaceId, planId), current);
    },
  });
}

/** The plan a 409 sends along, if it is one. */
export function conflictPlan(error: unknown): OnboardingPlan | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== 'conflict')
    return null;
  const current = (error as { details?: { current?: unknown } }).details?.current;
  if (typeof current === 'object' && current !== null && 'items' in current && 'charter' in current)
    return current as OnboardingPlan;
  return null;
}

export function useAddOnboardingItem(workspaceId: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddOnboardingItemBody) =>
      api.post<OnboardingItem>(`${planPath(workspaceId, planId)}/items`, body),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: onboardingKeys.plan(workspaceId, planId) });
      void queryClient.invalidateQueries({ queryKey: onboardingKeys.plans(workspaceId) });
    },
  });
}

export function useDeleteOnboardingItem(workspaceId: string, planId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (itemId: string) => api.delete(`${planPath(workspaceId, planId)}/items/${seg(itemId)}`),
    onSuccess: (_data, itemId) => {
      queryClient.setQueryData<OnboardingPlan>(onboardingKeys.plan(workspaceId, planId), (plan) =>
        plan ? { ...plan, items: plan.items.filter((i) => i.id !== itemId) } : plan,
      );
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: onboardingKeys.plan(workspaceId, planId) });
      void queryClient.invalidateQueries({ queryKey: onboardingKeys.plans(workspaceId) });
    },
  });
}

/**
 * Ticks or unticks an item at once and puts it back if the server refuses: ticking is the
 * one thing an assistant does here many times, it must feel instant.
 */
export function useToggleOnboardingItem(workspaceId: string, planId: string, userId: string, today: string) {
  const queryClient = useQueryClient();
  const key = onboardingKeys.plan(workspaceId, planId);
  return useMutation({
    mutationFn: ({ itemId, done }: { itemId: string; done: boolean }) =>
      api.patch<unknown>(`${planPath(workspaceId, planId)}/items/${seg(itemId)}`, {
        done,
      } satisfies UpdateOnboardingItemBody),
    onMutate: async ({ itemId, done }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<OnboardingPlan>(key);
      if (previous)
        queryClient.setQueryData<OnboardingPlan>(
          key,
          withItemDone(previous, itemId, done, userId, new Date().toISOString(), today),
        );
      return { previous };
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: onboardingKeys.plans(workspaceId) });
    },
  });
}
