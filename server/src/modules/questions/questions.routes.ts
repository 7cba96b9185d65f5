import type { RouteModule } from '../../http.ts';

/** Questions asked on a task or in general (DESIGN §7). */
export const questionRoutes: RouteModule = () => {};
