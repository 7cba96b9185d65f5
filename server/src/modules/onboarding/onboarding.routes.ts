import type { RouteModule } from '../../http.ts';

/** Onboarding plans and templates (DESIGN §6). */
export const onboardingRoutes: RouteModule = () => {};
