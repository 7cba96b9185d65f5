import type { Locale } from '../locale.ts';
import { checkText, sopProblem } from './internal.ts';
import type { SopChecked, SopProblem } from './problems.ts';

/**
 * Onboarding plans (DESIGN §6): a charter and dated items, started from a template. The
 * built-in template is plain data in both languages so the server can instantiate it without
 * a database row and the web can preview it. Access items name a system and the least
 * privilege needed — never a password, which Leeway neither asks for nor stores.
 */
export const onboardingItemKinds = ['access', 'acknowledge_sop', 'first_task', 'meeting', 'intro'] as const;
export type OnboardingItemKind = (typeof onboardingItemKinds)[number];

export const onboardingLimits = {
  outcomes: 3,
  outcomeMax: 300,
  workingHoursMax: 500,
  responseTimesMax: 500,
  authorityNotesMax: 2000,
  itemTitleMax: 200,
  maxDueDay: 365,
} as const;

export interface Charter {
  /** Exactly three outcomes for the first 90 days. */
  outcomes: string[];
  workingHours: string;
  responseTimes: string;
  authorityNotes: string;
}

export interface OnboardingTemplateItem {
  kind: OnboardingItemKind;
  title: Record<Locale, string>;
  /** Days after the start; 0 is the first day. */
  dueDay: number;
  /** Access items only: the system and the least privilege needed, never credentials. */
  access?: { system: string; leastPrivilege: Record<Locale, string> };
}

export interface OnboardingTemplate {
  key: string;
  name: Record<Locale, string>;
  /** Shown on the screen beside access items. */
  passwordNote: Record<Locale, string>;
  charter: Record<Locale, Charter>;
  items: OnboardingTemplateItem[];
}

export const firstThirtyDaysTemplate: OnboardingTemplate = {
  key: 'first_30_days',
  name: {
    en: 'First 30 days with a virtual assistant',
    de: 'Die ersten 30 Tage mit einer virtuellen Assistenz',
  },
  passwordNote: {
    en: 'Leeway never asks for or stores passwords. Share access through each system’s own user management or a password manager, with the least privilege needed.',
    de: 'Leeway fragt nie nach Passwörtern und speichert keine. Gib Zugänge über die Benutzerverwaltung des jeweiligen Systems oder einen Passwort-Manager frei, mit den geringsten nötigen Rechten.',
  },
  charter: {
    en: {
      outcomes: [
        'Inbox and calendar run without the owner checking them daily',
        'The three most frequent processes are written down as SOPs',
        'Routine tasks in the first area reach level 3',
      ],
      workingHours: 'Mon–Fri, 9:00–13:00 (owner’s time zone)',
      responseTimes: 'Messages within 4 working hours; urgent items by phone',
      authorityNotes: 'Spend nothing and send nothing external without approval until level 3.',
    },
    de: {
      outcomes: [
        'Posteingang und Kalender laufen, ohne dass die Inhaberin täglich nachsieht',
        'Die drei häufigsten Abläufe sind als SOPs aufgeschrieben',
        'Routineaufgaben im ersten Bereich erreichen Stufe 3',
      ],
      workingHours: 'Mo–Fr, 9:00–13:00 (Zeitzone der Inhaberin)',
      responseTimes: 'Nachrichten innerhalb von 4 Arbeitsstunden; Dringendes telefonisch',
      authorityNotes: 'Bis Stufe 3 keine Ausgaben und nichts nach außen ohne Freigabe.',
    },
  },
  items: [
    {
      kind: 'intro',
      dueDay: 0,
      title: {
        en: 'Introduction call: goals, people and tools',
        de: 'Kennenlerngespräch: Ziele, Personen und Werkzeuge',
      },
    },
    {
      kind: 'access',
      dueDay: 1,
      title: {
        en: 'Email: delegated access to the shared inbox',
        de: 'E-Mail: delegierter Zugriff auf das gemeinsame Postfach',
      },
      access: {
        system: 'Email',
        leastPrivilege: { en: 'Delegate (read and draft)', de: 'Stellvertretung (lesen und entwerfen)' },
      },
    },
    {
      kind: 'access',
      dueDay: 1,
      title: { en: 'Calendar: edit access', de: 'Kalender: Bearbeitungszugriff' },
      access: { system: 'Calendar', leastPrivilege: { en: 'Edit events', de: 'Termine bearbeiten' } },
    },
    {
      kind: 'access',
      dueDay: 2,
      title: { en: 'Shared files: the working folder only', de: 'Geteilte Dateien: nur der Arbeitsordner' },
      access: {
        system: 'Files',
        leastPrivilege: { en: 'Editor on one folder', de: 'Bearbeiten in einem Ordner' },
      },
    },
    {
      kind: 'acknowledge_sop',
      dueDay: 3,
      title: { en: 'Read and acknowledge the area’s SOPs', de: 'SOPs des Bereichs lesen und bestätigen' },
    },
    {
      kind: 'first_task',
      dueDay: 5,
      title: {
        en: 'First guided task with every step ticked',
        de: 'Erste angeleitete Aufgabe mit allen Schritten abgehakt',
      },
    },
    {
      kind: 'meeting',
      dueDay: 7,
      title: { en: 'End of week one check-in', de: 'Check-in zum Ende der ersten Woche' },
    },
    {
      kind: 'first_task',
      dueDay: 14,
      title: {
        en: 'Second guided task in another process',
        de: 'Zweite angeleitete Aufgabe in einem anderen Ablauf',
      },
    },
    {
      kind: 'meeting',
      dueDay: 29,
      title: {
        en: '30-day review: charter and next levels',
        de: '30-Tage-Rückblick: Charta und nächste Stufen',
      },
    },
  ],
};

export const builtInOnboardingTemplates: readonly OnboardingTemplate[] = [firstThirtyDaysTemplate];

export interface PlannedOnboardingItem {
  kind: OnboardingItemKind;
  title: string;
  dueDay: number;
  /** Calendar date `YYYY-MM-DD`: the start date plus `dueDay`. */
  dueOn: string;
  access: { system: string; leastPrivilege: string } | null;
}

/**
 * A template's items in one language, dated from the plan's start (a `YYYY-MM-DD` date; the
 * plan is about days, so no time zone is involved), in due order.
 */
export function planItemsFromTemplate(
  template: OnboardingTemplate,
  startsAt: string,
  locale: Locale,
): PlannedOnboardingItem[] {
  const start = Date.parse(`${startsAt.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(start)) throw new RangeError(`Not a date: ${startsAt}`);
  return template.items
    .map((item, index) => ({ item, index }))
    .sort((x, y) => x.item.dueDay - y.item.dueDay || x.index - y.index)
    .map(({ item }) => ({
      kind: item.kind,
      title: item.title[locale],
      dueDay: item.dueDay,
      dueOn: new Date(start + item.dueDay * 86_400_000).toISOString().slice(0, 10),
      access: item.access
        ? { system: item.access.system, leastPrivilege: item.access.leastPrivilege[locale] }
        : null,
    }));
}

/** Validates and trims a charter: exactly three outcomes, each non-empty, and the text limits. */
export function checkCharter(input: {
  outcomes?: readonly (string | null)[] | null;
  workingHours?: string | null;
  responseTimes?: string | null;
  authorityNotes?: string | null;
}): SopChecked<Charter> {
  const problems: SopProblem[] = [];
  const raw = input.outcomes ?? [];
  if (raw.length !== onboardingLimits.outcomes) {
    problems.push(
      sopProblem('outcomes', 'exactly', 'Name exactly three outcomes for the first 90 days.', {
        count: onboardingLimits.outcomes,
      }),
    );
  }
  const outcomes = raw.map((o, i) =>
    checkText(`outcomes/${i}`, o, onboardingLimits.outcomeMax, true, problems),
  );
  const workingHours = checkText(
    'workingHours',
    input.workingHours,
    onboardingLimits.workingHoursMax,
    true,
    problems,
  );
  const responseTimes = checkText(
    'responseTimes',
    input.responseTimes,
    onboardingLimits.responseTimesMax,
    true,
    problems,
  );
  const authorityNotes = checkText(
    'authorityNotes',
    input.authorityNotes,
    onboardingLimits.authorityNotesMax,
    false,
    problems,
  );
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, value: { outcomes, workingHours, responseTimes, authorityNotes } };
}
