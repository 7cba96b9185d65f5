import type { RouteModule } from '../../http.ts';

/** Weekly check-ins and their reminders (DESIGN §7). */
export const checkInRoutes: RouteModule = () => {};
