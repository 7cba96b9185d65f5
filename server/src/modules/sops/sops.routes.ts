import type { RouteModule } from '../../http.ts';

/** The SOP library (DESIGN §6): filled in by the SOP module. */
export const sopRoutes: RouteModule = () => {};
