import type { RouteModule } from '../../http.ts';

/** Meeting series, occurrences and their self-building agendas (DESIGN §7). */
export const meetingRoutes: RouteModule = () => {};
