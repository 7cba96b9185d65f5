import { workspaceKeys } from '../workspaces/queries.ts';

/** Query keys of onboarding plans and templates, under their workspace so leaving it drops them. */
export const onboardingKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'onboarding'] as const,
  templates: (workspaceId: string, locale: string) =>
    [...onboardingKeys.all(workspaceId), 'templates', locale] as const,
  plans: (workspaceId: string) => [...onboardingKeys.all(workspaceId), 'plans'] as const,
  plan: (workspaceId: string, planId: string) =>
    [...onboardingKeys.all(workspaceId), 'plan', planId] as const,
  episodes: (workspaceId: string) => [...onboardingKeys.all(workspaceId), 'episodes'] as const,
  sops: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'onboarding-sops'] as const,
};
