import type { RouteModule } from '../../http.ts';

/** The blameless lessons log (DESIGN §8). */
export const lessonRoutes: RouteModule = () => {};
