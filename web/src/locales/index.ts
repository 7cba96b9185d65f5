import areasDe from '../features/areas/locales/de.json';
import areasEn from '../features/areas/locales/en.json';
import autonomyDe from '../features/autonomy/locales/de.json';
import autonomyEn from '../features/autonomy/locales/en.json';
import boardDe from '../features/board/locales/de.json';
import boardEn from '../features/board/locales/en.json';
import checkinsDe from '../features/checkins/locales/de.json';
import checkinsEn from '../features/checkins/locales/en.json';
import exportsDe from '../features/exports/locales/de.json';
import exportsEn from '../features/exports/locales/en.json';
import goalsDe from '../features/goals/locales/de.json';
import goalsEn from '../features/goals/locales/en.json';
import insightsDe from '../features/insights/locales/de.json';
import insightsEn from '../features/insights/locales/en.json';
import lessonsDe from '../features/lessons/locales/de.json';
import lessonsEn from '../features/lessons/locales/en.json';
import meetingsDe from '../features/meetings/locales/de.json';
import meetingsEn from '../features/meetings/locales/en.json';
import notificationsDe from '../features/notifications/locales/de.json';
import notificationsEn from '../features/notifications/locales/en.json';
import nudgesDe from '../features/nudges/locales/de.json';
import nudgesEn from '../features/nudges/locales/en.json';
import onboardingDe from '../features/onboarding/locales/de.json';
import onboardingEn from '../features/onboarding/locales/en.json';
import paletteDe from '../features/palette/locales/de.json';
import paletteEn from '../features/palette/locales/en.json';
import questionsDe from '../features/questions/locales/de.json';
import questionsEn from '../features/questions/locales/en.json';
import sopsDe from '../features/sops/locales/de.json';
import sopsEn from '../features/sops/locales/en.json';
import tasksDe from '../features/tasks/locales/de.json';
import tasksEn from '../features/tasks/locales/en.json';
import de from './de.json';
import en from './en.json';

/**
 * All UI strings, one namespace. The app-wide ones live beside this file; each feature keeps
 * its own under a top-level key of its name (`tasks.…`, `board.…`), so features grow their
 * texts without touching each other's files. English is the reference for the key types.
 */
export const english = {
  ...en,
  ...areasEn,
  ...autonomyEn,
  ...boardEn,
  ...checkinsEn,
  ...exportsEn,
  ...goalsEn,
  ...insightsEn,
  ...lessonsEn,
  ...meetingsEn,
  ...notificationsEn,
  ...nudgesEn,
  ...onboardingEn,
  ...paletteEn,
  ...questionsEn,
  ...sopsEn,
  ...tasksEn,
};
export const german: typeof english = {
  ...de,
  ...areasDe,
  ...autonomyDe,
  ...boardDe,
  ...checkinsDe,
  ...exportsDe,
  ...goalsDe,
  ...insightsDe,
  ...lessonsDe,
  ...meetingsDe,
  ...notificationsDe,
  ...nudgesDe,
  ...onboardingDe,
  ...paletteDe,
  ...questionsDe,
  ...sopsDe,
  ...tasksDe,
};
