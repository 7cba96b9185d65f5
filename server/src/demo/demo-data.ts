import {
  type Priority,
  type Recurrence,
  type RiskClass,
  type TaskState,
  wallTimeAt,
  wallTimeToInstant,
} from '@leeway/core';
import type { Deps } from '../context.ts';
import { AfterCommit } from '../events/after-commit.ts';
import { DAY } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { findArea } from '../modules/areas/areas.repository.ts';
import { cellState, ensureGrant, loadSettings } from '../modules/autonomy/autonomy.service.ts';
import { routeSubmission } from '../modules/autonomy/submission.ts';
import { setRecurrence } from '../modules/recurrence/recurrence.service.ts';
import { recordTaskEvent } from '../modules/tasks/history.repository.ts';
import { insertTaskInTx } from '../modules/tasks/tasks.service.ts';
import { seedDemoGoals } from './demo-goals.ts';
import { seedDemoInsights } from './demo-insights.ts';
import { seedDemoKnowledge } from './demo-knowledge.ts';
import { seedDemoRhythm } from './demo-rhythm.ts';

/**
 * Demo content for a small bakery: areas with owners, backups, contributors and guardrails,
 * and a few dozen tasks in every state, some blocked, some overdue, some due this week, two
 * recurring. Dates are relative to the clock, so the board always looks lived-in. Texts are
 * German, like the demo principal.
 */

const ZONE = 'Europe/Berlin';

type Person = 'owner' | 'a1' | 'a2';
type AreaKey = 'buchhaltung' | 'kundenservice' | 'social' | 'einkauf';

interface DemoArea {
  key: AreaKey;
  name: string;
  description: string;
  owner: Person;
  backup: Person | null;
  contributors: Person[];
  riskClass: RiskClass;
  maxLevel: number;
  guardrails: string[];
}

const areas: DemoArea[] = [
  {
    key: 'buchhaltung',
    name: 'Buchhaltung',
    description: 'Belege, Zahlungen, Kasse und alles für die Steuerberaterin.',
    owner: 'a1',
    backup: 'owner',
    contributors: [],
    riskClass: 'high',
    maxLevel: 4,
    guardrails: [
      'Vor Zahlungen über 250 € immer fragen.',
      'Nur Rechnungen bekannter Lieferanten bezahlen.',
      'Niemals Kundendaten löschen.',
    ],
  },
  {
    key: 'kundenservice',
    name: 'Kundenservice',
    description: 'Anfragen, Vorbestellungen, Beschwerden und Bewertungen.',
    owner: 'a2',
    backup: 'a1',
    contributors: [],
    riskClass: 'medium',
    maxLevel: 5,
    guardrails: [
      'Erstattungen über 50 € nur nach Rücksprache.',
      'Keine Rabatte über 15 % zusagen.',
      'Beschwerden innerhalb von 24 Stunden beantworten.',
    ],
  },
  {
    key: 'social',
    name: 'Social Media',
    description: 'Instagram, Facebook und Google-Profil der Bäckerei.',
    owner: 'a1',
    backup: null,
    contributors: ['a2'],
    riskClass: 'low',
    maxLevel: 5,
    guardrails: [
      'Keine Fotos von Kundinnen und Kunden ohne Einwilligung.',
      'Nur Preise posten, die auch im Laden gelten.',
    ],
  },
  {
    key: 'einkauf',
    name: 'Einkauf',
    description: 'Rohstoffe, Verpackung und Verbrauchsmaterial.',
    owner: 'owner',
    backup: 'a2',
    contributors: ['a1'],
    riskClass: 'medium',
    maxLevel: 5,
    guardrails: ['Bestellungen über 500 € nur mit Freigabe.', 'Mehl nur von den gelisteten Bio-Mühlen.'],
  },
];

interface DemoTask {
  title: string;
  area: AreaKey | null;
  state: TaskState;
  /** Days from today and the hour in Berlin; absent: no due date. */
  due?: [days: number, hour: number];
  /** Instead of `due`: the next such ISO weekday (1 = Monday) after today, at this hour. */
  nextWeekday?: [isoWeekday: number, hour: number];
  priority?: Priority;
  labels?: string[];
  checklist?: string[];
  /** How many checklist items are ticked (from the top). */
  ticked?: number;
  description?: string;
  /** Default: the area's owner (nobody for the inbox). */
  assignee?: Person | null;
  creator?: Person;
  blocked?: string;
  recurrence?: Recurrence;
  /**
   * For a task in review: the guardrails its assignee ticked (indexes into the area's list) or
   * the principal's "review this one" — what sends it to review where the level would not.
   */
  review?: { guardrails?: number[]; requested?: boolean };
}

const tasks: DemoTask[] = [
  // Buchhaltung
  {
    title: 'Belege Januar an die Steuerberaterin senden',
    area: 'buchhaltung',
    state: 'done',
    due: [-20, 12],
    priority: 'high',
    labels: ['Steuer', 'Monatsende'],
    checklist: ['Belege scannen', 'In den Ordner hochladen', 'Mail an Frau Keller'],
    ticked: 3,
  },
  {
    title: 'Umsatzsteuer-Voranmeldung prüfen',
    area: 'buchhaltung',
    state: 'review',
    due: [1, 10],
    priority: 'urgent',
    labels: ['Steuer'],
    checklist: ['Zahlen mit Kassenbuch abgleichen', 'Vorsteuer prüfen', 'Entwurf an Paula'],
    ticked: 3,
    description: 'Frist ist der 10. – bitte vorher freigeben lassen.',
  },
  {
    title: 'Offene Rechnungen Café Sonnenschein mahnen',
    area: 'buchhaltung',
    state: 'doing',
    due: [-2, 16],
    priority: 'high',
    labels: ['Forderungen'],
    description: 'Zwei Rechnungen aus Januar, zusammen 486,20 €. Freundlich, erste Mahnung.',
  },
  {
    title: 'Kassenbuch abschließen',
    area: 'buchhaltung',
    state: 'todo',
    nextWeekday: [5, 17],
    priority: 'medium',
    labels: ['Kasse', 'wöchentlich'],
    checklist: ['Bargeld zählen', 'Z-Bon ablegen', 'Differenzen notieren'],
    recurrence: { rule: 'FREQ=WEEKLY;BYDAY=FR', mode: 'calendar', timeZone: ZONE },
  },
  {
    title: 'Rechnung Mühle Schneider bezahlen (1.240 €)',
    area: 'buchhaltung',
    state: 'todo',
    due: [2, 12],
    priority: 'high',
    labels: ['Zahlung'],
    blocked: 'Über 250 €: wartet auf Freigabe von Paula.',
  },
  {
    title: 'Kontoauszüge Februar abgleichen',
    area: 'buchhaltung',
    state: 'todo',
    due: [4, 15],
    priority: 'medium',
    checklist: ['Sparkasse', 'PayPal', 'SumUp'],
    ticked: 1,
  },
  {
    title: 'Reisekosten Messe Südback erfassen',
    area: 'buchhaltung',
    state: 'done',
    due: [-10, 12],
    priority: 'low',
  },
  {
    title: 'DATEV-Export für das Quartal vorbereiten',
    area: 'buchhaltung',
    state: 'todo',
    due: [12, 12],
    priority: 'medium',
    labels: ['Steuer', 'Quartal'],
  },
  {
    title: 'Minijob-Abrechnung der Aushilfen',
    area: 'buchhaltung',
    state: 'doing',
    due: [3, 12],
    priority: 'high',
    labels: ['Lohn'],
  },
  {
    title: 'Versicherungspolice Backstube vergleichen',
    area: 'buchhaltung',
    state: 'cancelled',
    priority: 'low',
  },
  {
    title: 'Rechnung Catering Hochzeit Müller schreiben',
    area: 'buchhaltung',
    state: 'todo',
    due: [-1, 12],
    priority: 'high',
    labels: ['Rechnung', 'Catering'],
  },
  {
    title: 'Bankgebühren vergleichen',
    area: 'buchhaltung',
    state: 'todo',
    priority: 'low',
    labels: ['Ideen'],
  },
  {
    title: 'TSE-Zertifikat der Kasse erneuern',
    area: 'buchhaltung',
    state: 'doing',
    due: [6, 10],
    priority: 'urgent',
    labels: ['Kasse'],
    blocked: 'Warte auf Rückruf vom Kassenhersteller.',
  },
  { title: 'Spendenquittung für die Tafel ausstellen', area: 'buchhaltung', state: 'done', due: [-5, 12] },
  {
    title: 'Unterlagen für den Jahresabschluss sammeln',
    area: 'buchhaltung',
    state: 'todo',
    due: [25, 12],
    priority: 'medium',
    checklist: ['Inventurliste', 'Darlehensverträge', 'Leasingverträge', 'Kassenberichte', 'Offene Posten'],
    ticked: 1,
  },
  {
    title: 'Skonto-Fristen dieser Woche prüfen',
    area: 'buchhaltung',
    state: 'review',
    due: [0, 16],
    priority: 'medium',
    labels: ['Zahlung'],
  },

  // Kundenservice
  {
    title: 'Beschwerde: Torte zu spät geliefert (Fr. Albers)',
    area: 'kundenservice',
    state: 'doing',
    due: [0, 12],
    priority: 'urgent',
    labels: ['Beschwerde'],
    description: 'Hochzeitstorte kam 40 Minuten zu spät. Entschuldigung und Gutschein anbieten (max. 15 %).',
  },
  {
    title: 'Neue Google-Bewertungen beantworten',
    area: 'kundenservice',
    state: 'todo',
    nextWeekday: [1, 10],
    priority: 'medium',
    labels: ['Bewertungen'],
    checklist: ['Neue Bewertungen lesen', 'Antworten schreiben', 'Kritik an Paula weitergeben'],
    recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO', mode: 'on_done', timeZone: ZONE },
  },
  {
    title: 'Vorbestellungen Ostern erfassen',
    area: 'kundenservice',
    state: 'todo',
    due: [8, 12],
    priority: 'high',
    labels: ['Ostern'],
    checklist: ['Formular online stellen', 'Aushang im Laden', 'Liste an die Backstube'],
  },
  { title: 'Allergen-Anfrage (glutenfrei) beantworten', area: 'kundenservice', state: 'done', due: [-3, 12] },
  {
    title: 'Geschenkgutscheine nachdrucken',
    area: 'kundenservice',
    state: 'todo',
    due: [5, 12],
    priority: 'low',
    labels: ['Laden'],
  },
  {
    title: 'Rückruf Firma Bauer wegen Frühstückslieferung',
    area: 'kundenservice',
    state: 'todo',
    due: [-1, 10],
    priority: 'high',
    labels: ['B2B'],
  },
  {
    title: 'Erstattung 68 € für verdorbene Sahnetorte',
    area: 'kundenservice',
    state: 'review',
    due: [1, 12],
    priority: 'high',
    labels: ['Beschwerde'],
    blocked: 'Über 50 €: wartet auf Rücksprache mit Paula.',
  },
  {
    title: 'FAQ zu Lieferzonen auf der Website aktualisieren',
    area: 'kundenservice',
    state: 'doing',
    due: [3, 12],
    priority: 'medium',
    labels: ['Website'],
  },
  {
    title: 'Stempelkarten-Aktion auswerten',
    area: 'kundenservice',
    state: 'todo',
    due: [14, 12],
    priority: 'low',
  },
  {
    title: 'E-Mail-Vorlagen für Bestellbestätigungen',
    area: 'kundenservice',
    state: 'done',
    due: [-8, 12],
    priority: 'medium',
  },
  {
    title: 'Anfrage Backkurs zum Kindergeburtstag',
    area: 'kundenservice',
    state: 'todo',
    due: [2, 12],
    priority: 'medium',
  },
  { title: 'Newsletter-Abmeldungen pflegen', area: 'kundenservice', state: 'cancelled' },
  {
    title: 'Reklamation Brötchenlieferung Hotel Adler',
    area: 'kundenservice',
    state: 'doing',
    due: [-3, 9],
    priority: 'urgent',
    labels: ['Beschwerde', 'B2B'],
  },
  {
    title: 'Öffnungszeiten an den Feiertagen bekannt geben',
    area: 'kundenservice',
    state: 'todo',
    due: [6, 12],
    priority: 'medium',
    checklist: ['Google-Profil', 'Website', 'Aushang'],
  },
  { title: 'Telefonnotizen der Woche sortieren', area: 'kundenservice', state: 'done', due: [-1, 17] },
  {
    title: 'Catering-Angebot Firmenfeier Stadtwerke',
    area: 'kundenservice',
    state: 'review',
    due: [2, 12],
    priority: 'high',
    labels: ['Catering', 'B2B'],
  },

  // Social Media
  {
    title: 'Instagram-Wochenplan erstellen',
    area: 'social',
    state: 'done',
    due: [-6, 12],
    labels: ['Instagram'],
  },
  {
    title: 'Reel: Brezeln formen in der Backstube',
    area: 'social',
    state: 'doing',
    due: [2, 12],
    priority: 'medium',
    labels: ['Instagram', 'Video'],
    checklist: ['Drehplan', 'Filmen in der Backstube', 'Schnitt', 'Untertitel'],
    ticked: 2,
  },
  {
    title: 'Oster-Gewinnspiel vorbereiten',
    area: 'social',
    state: 'todo',
    due: [9, 12],
    priority: 'high',
    labels: ['Instagram', 'Aktion'],
    blocked: 'Warte auf die Teilnahmebedingungen vom Anwalt.',
  },
  {
    title: 'Fotos der neuen Sauerteigbrote auswählen',
    area: 'social',
    state: 'review',
    due: [0, 15],
    priority: 'medium',
    review: { requested: true },
  },
  {
    title: 'Facebook-Event: Tag der offenen Backstube',
    area: 'social',
    state: 'todo',
    due: [11, 12],
    priority: 'medium',
  },
  {
    title: 'Story-Highlights aufräumen',
    area: 'social',
    state: 'todo',
    priority: 'low',
    labels: ['Instagram'],
  },
  {
    title: 'Kooperation mit Foodbloggerin anfragen',
    area: 'social',
    state: 'doing',
    due: [4, 12],
    priority: 'low',
    labels: ['Kooperation'],
    assignee: 'a2',
  },
  { title: 'Statistik Februar auswerten', area: 'social', state: 'done', due: [-12, 12] },
  {
    title: 'Post: Azubi gesucht',
    area: 'social',
    state: 'todo',
    due: [-2, 12],
    priority: 'high',
    labels: ['Recruiting'],
  },
  { title: 'Hashtag-Liste aktualisieren', area: 'social', state: 'cancelled' },
  { title: 'Pinterest-Board Hochzeitstorten', area: 'social', state: 'todo', due: [20, 12], priority: 'low' },
  {
    title: 'Kommentare unter dem Gewinnspiel-Post moderieren',
    area: 'social',
    state: 'done',
    due: [-4, 12],
    assignee: 'a2',
  },
  {
    title: 'Mittagsangebot der Woche posten',
    area: 'social',
    state: 'todo',
    due: [1, 11],
    priority: 'medium',
    labels: ['Instagram'],
  },
  {
    title: 'Bildrechte mit dem Fotografen klären',
    area: 'social',
    state: 'review',
    due: [3, 12],
    priority: 'medium',
    review: { guardrails: [0] },
  },

  // Einkauf
  {
    title: 'Bio-Mehl für nächsten Monat bestellen',
    area: 'einkauf',
    state: 'todo',
    due: [3, 12],
    priority: 'high',
    labels: ['Mehl'],
    checklist: ['Bestand zählen', 'Angebot Mühle Schneider', 'Bestellung absenden'],
    assignee: 'a2',
  },
  {
    title: 'Angebote für neue Verpackungen vergleichen',
    area: 'einkauf',
    state: 'doing',
    due: [5, 12],
    priority: 'medium',
    labels: ['Verpackung'],
    assignee: 'a1',
  },
  {
    title: 'Butterpreis nachverhandeln',
    area: 'einkauf',
    state: 'todo',
    due: [15, 12],
    priority: 'medium',
    blocked: 'Der Lieferant meldet sich erst nach Ostern.',
  },
  { title: 'Wartungstermin Kühlzelle', area: 'einkauf', state: 'done', due: [-7, 8], priority: 'high' },
  { title: 'Kaffeebohnen bei der Rösterei Hansen bestellen', area: 'einkauf', state: 'done', due: [-2, 12] },
  {
    title: 'Inventur Trockenlager',
    area: 'einkauf',
    state: 'todo',
    due: [-1, 18],
    priority: 'medium',
    checklist: ['Regal A', 'Regal B', 'Regal C', 'Kühlraum'],
    ticked: 1,
    assignee: 'a2',
  },
  { title: 'Neue Backpapier-Sorte testen', area: 'einkauf', state: 'cancelled', priority: 'low' },
  {
    title: 'Osterdeko für den Laden bestellen (620 €)',
    area: 'einkauf',
    state: 'review',
    due: [2, 12],
    priority: 'medium',
    labels: ['Laden', 'Ostern'],
    assignee: 'a1',
    review: { guardrails: [0] },
  },
  { title: 'Reinigungsmittel nachbestellen', area: 'einkauf', state: 'todo', due: [4, 12], priority: 'low' },
  {
    title: 'Erdbeer-Lieferanten für die Saison finden',
    area: 'einkauf',
    state: 'doing',
    due: [18, 12],
    priority: 'medium',
  },
  {
    title: 'Rahmenvertrag Milch verlängern',
    area: 'einkauf',
    state: 'todo',
    due: [30, 12],
    priority: 'high',
  },
  { title: 'Lieferschein-Differenzen mit der Mühle klären', area: 'einkauf', state: 'done', due: [-9, 12] },

  // Inbox: no area yet, for the principal to triage
  {
    title: 'Idee: Brot-Abo für Stammkunden',
    area: null,
    state: 'todo',
    priority: 'low',
    labels: ['Ideen'],
    creator: 'a2',
  },
  { title: 'Etikettendrucker recherchieren', area: null, state: 'todo', due: [10, 12], creator: 'a1' },
  {
    title: 'Praktikumsanfrage von Lea beantworten',
    area: null,
    state: 'todo',
    due: [-1, 12],
    priority: 'medium',
    creator: 'a2',
  },
  { title: 'Musik im Laden: GEMA-Gebühren prüfen', area: null, state: 'todo', priority: 'medium' },
  {
    title: 'Eigener TikTok-Kanal – lohnt sich das?',
    area: null,
    state: 'todo',
    priority: 'low',
    creator: 'a1',
  },
  {
    title: 'Schaufenster für den Frühling dekorieren',
    area: null,
    state: 'doing',
    due: [2, 12],
    assignee: 'owner',
  },
];

/**
 * Seeds the demo workspace's areas and tasks. Called once, when the demo workspace is
 * created; not idempotent. With fewer than two assistants, their parts fall to whoever is
 * there (the owner in the end).
 */
export async function seedDemoTasks(
  deps: Deps,
  ctx: { workspaceId: string; ownerId: string; assistantIds: string[] },
): Promise<void> {
  const { workspaceId } = ctx;
  const a1 = ctx.assistantIds[0] ?? ctx.ownerId;
  const people: Record<Person, string> = { owner: ctx.ownerId, a1, a2: ctx.assistantIds[1] ?? a1 };
  const nowDate = deps.clock.now();
  const now = nowDate.toISOString();
  const today = wallTimeAt(nowDate.getTime(), ZONE);
  // ISO weekday of today in Berlin, for "next Friday" and "next Monday".
  const todayWeekday = ((new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7) + 1;
  const at = ([days, hour]: [number, number]): string =>
    new Date(
      wallTimeToInstant(
        { ...today, day: today.day + days, hour, minute: 0, second: 0, millisecond: 0 },
        ZONE,
      ),
    ).toISOString();
  const resolveDue = (task: DemoTask): [number, number] | undefined => {
    if (!task.nextWeekday) return task.due;
    const [weekday, hour] = task.nextWeekday;
    return [(weekday - todayWeekday + 7) % 7 || 7, hour];
  };

  const areaIds = new Map<AreaKey, string>();
  const areaOwner = new Map<AreaKey, string>();
  await deps.db.transaction().execute(async (trx) => {
    for (const area of areas) {
      const id = newId();
      const ownerId = people[area.owner];
      const backupId = area.backup && people[area.backup] !== ownerId ? people[area.backup] : null;
      areaIds.set(area.key, id);
      areaOwner.set(area.key, ownerId);
      await trx
        .insertInto('areas')
        .values({
          id,
          workspace_id: workspaceId,
          name: area.name,
          description: area.description,
          owner_id: ownerId,
          backup_id: backupId,
          risk_class: area.riskClass,
          guardrails: JSON.stringify(area.guardrails),
          max_level: area.maxLevel,
          archived_at: null,
          created_at: now,
          updated_at: now,
          version: 0,
        })
        .execute();
      const contributors = new Set(area.contributors.map((p) => people[p]));
      contributors.delete(ownerId);
      if (backupId) contributors.delete(backupId);
      for (const userId of contributors) {
        await trx
          .insertInto('area_members')
          .values({ workspace_id: workspaceId, area_id: id, user_id: userId, created_at: now })
          .execute();
      }
    }
  });

  const after = new AfterCommit();
  const inReview: { id: string; task: DemoTask; submitterId: string }[] = [];
  await deps.db.transaction().execute(async (trx) => {
    for (const task of tasks) {
      const due = resolveDue(task);
      const dueAt = due ? at(due) : null;
      const assigneeId =
        task.assignee !== undefined
          ? task.assignee === null
            ? null
            : people[task.assignee]
          : task.area
            ? (areaOwner.get(task.area) ?? null)
            : null;
      let row = await insertTaskInTx(trx, deps, after, {
        workspaceId,
        actorId: people[task.creator ?? 'owner'],
        title: task.title,
        description: task.description ?? '',
        areaId: task.area ? (areaIds.get(task.area) ?? null) : null,
        assigneeId,
        state: task.state,
        dueAt,
        dueTimeZone: dueAt ? ZONE : null,
        priority: task.priority ?? 'none',
        labels: task.labels ?? [],
        checklist: task.checklist ?? [],
        seriesId: null,
      });
      if (task.state === 'review')
        inReview.push({ id: row.id, task, submitterId: assigneeId ?? ctx.ownerId });
      if (task.recurrence) {
        const seriesId = await setRecurrence(trx, deps, row, task.recurrence);
        row = { ...row, series_id: seriesId };
      }
      const ticked = Math.min(task.ticked ?? 0, task.checklist?.length ?? 0);
      if (ticked > 0) {
        const items = await trx
          .selectFrom('checklist_items')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('task_id', '=', row.id)
          .orderBy('position')
          .limit(ticked)
          .execute();
        await trx
          .updateTable('checklist_items')
          .set({ done: 1 })
          .where(
            'id',
            'in',
            items.map((i) => i.id),
          )
          .execute();
      }
      await trx
        .updateTable('tasks')
        .set({
          series_id: row.series_id,
          checklist_done: ticked,
          blocked: task.blocked ? 1 : 0,
          blocked_reason: task.blocked ?? '',
          // Finished work was finished around its due date, not when the demo was made.
          completed_at: task.state === 'done' ? (dueAt ?? now) : null,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', row.id)
        .execute();
    }
    // Seeding is not news: the "assigned" notifications it produced count as read and mailed,
    // so the demo does not open with dozens of them (or send them to the demo addresses).
    await trx
      .updateTable('notifications')
      .set({ read_at: now, emailed_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', 'assigned')
      .execute();
  });
  after.flush(deps);
  if (people.a1 !== ctx.ownerId)
    await seedDemoAutonomy(deps, { workspaceId, ownerId: ctx.ownerId, people, areaIds });
  await seedDemoReviews(deps, workspaceId, inReview);
  await seedDemoKnowledge(deps, { workspaceId, people, areaIds });
  await seedDemoRhythm(deps, { workspaceId, people });
  await seedDemoGoals(deps, { workspaceId, people, areaIds });
  await seedDemoInsights(deps, { workspaceId, people, areaIds });
}

/**
 * The tasks seeded in review, submitted as `submit` would: core's `decideReview` routes each
 * for its assignee's level (after the ladder is seeded), with the task's ticked guardrails or
 * "review this one" mark. Where neither the level nor those would send it to review, the
 * principal's mark does, so every item in the review queue says truly why it is there.
 */
async function seedDemoReviews(
  deps: Deps,
  workspaceId: string,
  inReview: { id: string; task: DemoTask; submitterId: string }[],
): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const { id, task, submitterId } of inReview) {
      const row = await trx
        .selectFrom('tasks')
        .select(['id', 'workspace_id', 'area_id'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const guardrails = task.review?.guardrails ?? [];
      let requested = task.review?.requested === true;
      let routed = await routeSubmission(
        trx,
        deps,
        { ...row, review_requested: requested ? 1 : 0 },
        submitterId,
        guardrails,
      );
      if (!routed.routing.goesToReview) {
        requested = true;
        routed = await routeSubmission(trx, deps, { ...row, review_requested: 1 }, submitterId, guardrails);
      }
      const { routing } = routed;
      await trx
        .updateTable('tasks')
        .set({
          review_requested: requested ? 1 : 0,
          review_phase: routing.phase,
          review_explanation: JSON.stringify(routing),
          submitted_at: now,
          guardrails_ticked: JSON.stringify([...guardrails].sort((a, b) => a - b)),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
      await recordTaskEvent(trx, {
        workspaceId,
        taskId: id,
        actorId: submitterId,
        kind: 'submitted',
        data: { goesToReview: routing.goesToReview, phase: routing.phase, reason: routing.reason },
        at: now,
      });
    }
  });
}

interface DemoGrant {
  who: Person;
  area: AreaKey;
  level: number;
  daysAgo: number;
  kind: 'promotion' | 'manual';
  reason: string;
}

/** Assistants at different levels, with the history that got them there. */
const demoGrants: DemoGrant[] = [
  {
    who: 'a1',
    area: 'buchhaltung',
    level: 3,
    daysAgo: 35,
    kind: 'promotion',
    reason: 'Kriterien erfüllt, im Jour fixe besprochen.',
  },
  {
    who: 'a1',
    area: 'social',
    level: 4,
    daysAgo: 50,
    kind: 'manual',
    reason: 'Betreut unsere Kanäle seit Jahren.',
  },
  {
    who: 'a2',
    area: 'kundenservice',
    level: 2,
    daysAgo: 20,
    kind: 'promotion',
    reason: 'Erste Wochen ohne Beanstandung.',
  },
  { who: 'a2', area: 'einkauf', level: 3, daysAgo: 90, kind: 'manual', reason: 'Kennt die Lieferanten gut.' },
];

/**
 * The autonomy ladder of the demo: assistants at levels 1 to 4 in different areas, one active
 * support episode (a changed SOP in purchasing) and one pending proposal (an assistant asking
 * for the next level in customer service).
 */
async function seedDemoAutonomy(
  deps: Deps,
  ctx: {
    workspaceId: string;
    ownerId: string;
    people: Record<Person, string>;
    areaIds: Map<AreaKey, string>;
  },
): Promise<void> {
  const { workspaceId, people } = ctx;
  const nowMs = deps.clock.now().getTime();
  const ago = (days: number) => new Date(nowMs - days * DAY).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const settings = await loadSettings(trx, workspaceId);
    const areaOf = async (key: AreaKey) => {
      const id = ctx.areaIds.get(key);
      return id ? await findArea(trx, workspaceId, id) : undefined;
    };
    for (const grant of demoGrants) {
      const area = await areaOf(grant.area);
      const memberId = people[grant.who];
      if (!area || memberId === ctx.ownerId) continue;
      const row = await ensureGrant(trx, deps, workspaceId, memberId, area.id);
      const before = await cellState(trx, deps, settings, area, memberId);
      const since = ago(grant.daysAgo);
      await trx
        .updateTable('autonomy_grants')
        // The assistant worked in the area before this level (the heat map shows those weeks).
        .set({
          level: grant.level,
          since,
          granted_by: ctx.ownerId,
          reason: grant.reason,
          updated_at: since,
          created_at: ago(grant.daysAgo + 30),
        })
        .where('id', '=', row.id)
        .execute();
      await trx
        .insertInto('level_changes')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          member_id: memberId,
          area_id: area.id,
          from_level: grant.kind === 'promotion' ? grant.level - 1 : 1,
          to_level: grant.level,
          kind: grant.kind,
          evidence: JSON.stringify({ ...before.evidence, computedAt: since }),
          decided_by: ctx.ownerId,
          reason: grant.reason,
          proposal_id: null,
          created_at: since,
        })
        .execute();
    }

    const einkauf = await areaOf('einkauf');
    if (einkauf && people.a2 !== ctx.ownerId) {
      await trx
        .insertInto('support_episodes')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          member_id: people.a2,
          area_id: einkauf.id,
          reason: 'sop_change',
          cap_level: 2,
          note: 'Neuer Bestellprozess beim Mehllieferanten: die ersten Bestellungen gemeinsam prüfen.',
          started_by: ctx.ownerId,
          starts_at: ago(5),
          planned_end_at: new Date(nowMs + 9 * DAY).toISOString(),
          ended_at: null,
          extensions: '[]',
          created_at: ago(5),
        })
        .execute();
    }

    const service = await areaOf('kundenservice');
    if (service && people.a2 !== ctx.ownerId) {
      const state = await cellState(trx, deps, settings, service, people.a2);
      await trx
        .insertInto('proposals')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          member_id: people.a2,
          area_id: service.id,
          from_level: state.grant.level,
          to_level: state.grant.level + 1,
          kind: 'assistant_request',
          status: 'pending',
          evidence: JSON.stringify(state.evidence),
          explanation: null,
          note: 'Ich beantworte die Standardanfragen seit Wochen selbstständig – Stichproben würden reichen.',
          decided_by: null,
          decision_reason: null,
          created_at: ago(1),
          decided_at: null,
        })
        .execute();
    }
  });
}
