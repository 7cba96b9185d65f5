import type { RouteModule } from '../../http.ts';

/** Private calendar feeds and single-meeting downloads (DESIGN §7). */
export const feedRoutes: RouteModule = () => {};
