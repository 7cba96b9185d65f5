import { firstThirtyDaysTemplate, planItemsFromTemplate } from '@leeway/core';
import type { Transaction } from 'kysely';
import type { Deps } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { AfterCommit } from '../events/after-commit.ts';
import { DAY } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { renderMarkdown } from '../lib/markdown.ts';
import { insertTaskInTx } from '../modules/tasks/tasks.service.ts';

/**
 * The knowledge loop of the demo bakery (issue 5): SOPs with several versions and
 * acknowledgements (one due for review, one waiting for re-acknowledgement, one proposed
 * draft), a task pinned to an older SOP version, an onboarding plan in progress and lessons
 * whose follow-ups are done, open, overdue, and one that opened an SOP draft. Rows are
 * written directly, dated in the past, the way the services would have left them.
 */

type Person = 'owner' | 'a1' | 'a2';
type AreaKey = 'buchhaltung' | 'kundenservice' | 'social' | 'einkauf';
type Step = [text: string, checkpoint?: boolean];

interface DemoVersion {
  daysAgo: number;
  changelog: string;
  reack: boolean;
  steps: Step[];
}

interface DemoSop {
  key: string;
  area: AreaKey;
  title: string;
  purpose: string;
  owner: Person;
  reviewEveryDays: number;
  versions: DemoVersion[];
  /** A draft waiting to be published: proposed by someone, or opened by a lesson's follow-up. */
  draft?: { by: Person; steps: Step[]; forLesson?: string };
  acks: { who: Person; version: number; daysAgo: number }[];
}

const invoiceSteps: Step[] = [
  ['Rechnung aus dem Postfach *Rechnungen* öffnen und als PDF im Ordner **Eingang** ablegen.'],
  ['Lieferant und Betrag mit der Bestellung abgleichen.'],
  ['Rechnung in der Buchhaltungssoftware erfassen (Konto laut Kontenplan).'],
  ['Zahlung zum Fälligkeitsdatum anlegen.'],
];

const sops: DemoSop[] = [
  {
    key: 'rechnungen',
    area: 'buchhaltung',
    title: 'Eingangsrechnungen buchen und bezahlen',
    purpose: 'Jede Rechnung wird einmal, pünktlich und an den richtigen Empfänger bezahlt.',
    owner: 'owner',
    reviewEveryDays: 180,
    versions: [
      { daysAgo: 60, changelog: 'Erste Fassung.', reack: false, steps: invoiceSteps },
      {
        daysAgo: 30,
        changelog: 'Abgleich mit bereits bezahlten Rechnungen ergänzt (Lektion „Doppelte Zahlung“).',
        reack: true,
        steps: [
          invoiceSteps[0]!,
          invoiceSteps[1]!,
          [
            'In der Liste **Bezahlt** nach Rechnungsnummer suchen: schon bezahlt? Dann stoppen und nachfragen.',
            true,
          ],
          invoiceSteps[2]!,
          invoiceSteps[3]!,
        ],
      },
      {
        daysAgo: 5,
        changelog: 'Freigabe bei Zahlungen über 250 € als Prüfpunkt markiert.',
        reack: false,
        steps: [
          invoiceSteps[0]!,
          invoiceSteps[1]!,
          [
            'In der Liste **Bezahlt** nach Rechnungsnummer suchen: schon bezahlt? Dann stoppen und nachfragen.',
            true,
          ],
          invoiceSteps[2]!,
          ['Über 250 €: Freigabe von Sabine im Task-Kommentar einholen.', true],
          invoiceSteps[3]!,
        ],
      },
    ],
    acks: [
      { who: 'a1', version: 1, daysAgo: 58 },
      { who: 'a1', version: 2, daysAgo: 29 },
    ],
  },
  {
    key: 'beschwerden',
    area: 'kundenservice',
    title: 'Beschwerden beantworten',
    purpose: 'Wer sich beschwert, hört innerhalb eines Tages von uns und bekommt eine faire Lösung.',
    owner: 'a2',
    reviewEveryDays: 180,
    versions: [
      {
        daysAgo: 200,
        changelog: 'Erste Fassung.',
        reack: false,
        steps: [
          ['Beschwerde im Postfach mit dem Label **Beschwerde** markieren.'],
          ['Innerhalb von 24 Stunden freundlich antworten und eine Lösung anbieten.', true],
          ['Erstattungen bis 50 € selbst veranlassen, darüber nachfragen.'],
        ],
      },
    ],
    draft: {
      by: 'a2',
      forLesson: 'brötchen',
      steps: [
        ['Beschwerde im Postfach mit dem Label **Beschwerde** markieren.'],
        ['Bei mehr als 5 offenen Beschwerden: Sabine Bescheid geben, damit wir umverteilen.'],
        ['Innerhalb von 24 Stunden freundlich antworten und eine Lösung anbieten.', true],
        ['Erstattungen bis 50 € selbst veranlassen, darüber nachfragen.'],
      ],
    },
    acks: [
      { who: 'a2', version: 1, daysAgo: 199 },
      { who: 'a1', version: 1, daysAgo: 150 },
    ],
  },
  {
    key: 'mehl',
    area: 'einkauf',
    title: 'Mehl bei der Mühle bestellen',
    purpose: 'Nie ohne Mehl, nie zu viel im Lager: wöchentliche Bestellung nach Bestand.',
    owner: 'owner',
    reviewEveryDays: 90,
    versions: [
      {
        daysAgo: 40,
        changelog: 'Erste Fassung.',
        reack: false,
        steps: [
          ['Bestand im Lager am Donnerstag zählen.'],
          ['Bedarf für die nächste Woche aus der Liste **Backplan** ablesen.'],
          ['Bestellung per E-Mail an die Mühle schicken.'],
        ],
      },
      {
        daysAgo: 5,
        changelog: 'Neues Bestellportal der Mühle statt E-Mail; Bestätigung prüfen.',
        reack: true,
        steps: [
          ['Bestand im Lager am Donnerstag zählen.'],
          ['Bedarf für die nächste Woche aus der Liste **Backplan** ablesen.'],
          ['Bestellung im Portal der Mühle anlegen (Zugang über den Passwort-Manager).'],
          ['Auftragsbestätigung mit der Bestellung vergleichen und im Task anhängen.', true],
        ],
      },
    ],
    acks: [
      { who: 'a2', version: 1, daysAgo: 39 },
      { who: 'a1', version: 1, daysAgo: 38 },
    ],
  },
  {
    key: 'wochenpost',
    area: 'social',
    title: 'Wochenpost planen',
    purpose: 'Jeden Montag ein Beitrag, der zeigt, was diese Woche frisch aus dem Ofen kommt.',
    owner: 'a1',
    reviewEveryDays: 180,
    versions: [],
    draft: {
      by: 'a2',
      steps: [
        ['Foto vom Wochenangebot am Freitag in der Backstube machen (keine Kundschaft im Bild).', true],
        ['Text mit Preis aus der Preisliste im Laden schreiben.'],
        ['Beitrag für Montag 8:00 einplanen.'],
      ],
    },
    acks: [],
  },
];

interface DemoLesson {
  key: string;
  title: string;
  daysAgo: number;
  area: AreaKey;
  sop: string | null;
  severity: number;
  author: Person;
  whatHappened: string;
  impact: string;
  wentWell: string;
  learned: string;
  factors: [kind: 'process' | 'knowledge' | 'tool' | 'expectation' | 'workload', text: string][];
  followUps: {
    kind: 'sop_change' | 'training' | 'tool' | 'guardrail' | 'other';
    title: string;
    owner: Person;
    /** Days from today (negative: in the past). */
    dueIn: number;
    done?: number;
    /** sop_change: closed by publishing this version of the lesson's SOP. */
    closedByVersion?: number;
  }[];
}

const lessons: DemoLesson[] = [
  {
    key: 'zahlung',
    title: 'Doppelte Zahlung an den Mehllieferanten',
    daysAgo: 33,
    area: 'buchhaltung',
    sop: 'rechnungen',
    severity: 2,
    author: 'a1',
    whatHappened:
      'Eine Rechnung der Mühle kam per Post und per E-Mail. Beide wurden gebucht und bezahlt (1.180 €).',
    impact: 'Geld lag drei Wochen beim Lieferanten; die Rückzahlung hat zwei Telefonate gekostet.',
    wentWell: 'Die Doppelzahlung fiel beim Monatsabgleich sofort auf, die Mühle hat schnell erstattet.',
    learned: 'Vor dem Bezahlen in den bereits bezahlten Rechnungen nachsehen.',
    factors: [
      ['process', 'Die SOP sah keinen Abgleich mit bereits bezahlten Rechnungen vor.'],
      ['tool', 'Die Banking-App zeigt Sammelüberweisungen nicht einzeln an.'],
    ],
    followUps: [
      {
        kind: 'sop_change',
        title: 'Abgleichschritt in die SOP aufnehmen',
        owner: 'owner',
        dueIn: -5,
        done: 30,
        closedByVersion: 2,
      },
      { kind: 'tool', title: 'Bezahlt-Liste in der Buchhaltungssoftware einrichten', owner: 'a1', dueIn: 10 },
    ],
  },
  {
    key: 'brötchen',
    title: 'Beschwerde über verbrannte Brötchen zu spät beantwortet',
    daysAgo: 6,
    area: 'kundenservice',
    sop: 'beschwerden',
    severity: 3,
    author: 'a2',
    whatHappened:
      'In der Woche vor Ostern lagen 14 Beschwerden im Postfach; eine wurde erst nach drei Tagen beantwortet.',
    impact: 'Eine Ein-Stern-Bewertung bei Google, inzwischen nach unserer Antwort auf drei Sterne geändert.',
    wentWell: 'Die Antwort selbst war freundlich und die Kundin hat ihre Bewertung angepasst.',
    learned: 'Bei Stoßzeiten früh sagen, wenn das Postfach überläuft, damit wir umverteilen können.',
    factors: [
      ['workload', 'Osterwoche: doppelte Menge an Anfragen, niemand zur Vertretung eingeplant.'],
      ['expectation', 'Unklar, ob 24 Stunden auch am Wochenende gelten.'],
    ],
    followUps: [
      { kind: 'sop_change', title: 'Eskalation bei vollem Postfach in die SOP', owner: 'a2', dueIn: 22 },
      {
        kind: 'other',
        title: 'Vertretung für Feiertagswochen im Kalender planen',
        owner: 'owner',
        dueIn: -3,
      },
    ],
  },
  {
    key: 'öffnungszeiten',
    title: 'Instagram-Post mit alten Öffnungszeiten',
    daysAgo: 18,
    area: 'social',
    sop: null,
    severity: 4,
    author: 'owner',
    whatHappened: 'Der Wochenpost nannte noch die Winter-Öffnungszeiten.',
    impact: 'Zwei Kundinnen standen sonntags vor verschlossener Tür.',
    wentWell: 'Der Post wurde innerhalb einer Stunde nach dem Hinweis korrigiert.',
    learned: 'Öffnungszeiten an einer Stelle pflegen, auf die alle zugreifen.',
    factors: [['knowledge', 'Die Änderung der Öffnungszeiten wurde nur mündlich im Laden besprochen.']],
    followUps: [
      {
        kind: 'other',
        title: 'Öffnungszeiten im gemeinsamen Dokument pflegen',
        owner: 'a1',
        dueIn: -8,
        done: 12,
      },
    ],
  },
  {
    key: 'feiertag',
    title: 'Lieferung am Feiertag nicht abbestellt',
    daysAgo: 95,
    area: 'einkauf',
    sop: 'mehl',
    severity: 3,
    author: 'owner',
    whatHappened: 'Am Feiertag kam die Mehllieferung, niemand war da; die Ware stand draußen.',
    impact: 'Zwei Säcke waren feucht und mussten entsorgt werden.',
    wentWell: 'Die Nachbarin hat den Rest hereingeholt.',
    learned: 'Feiertage stehen jetzt im Bestellkalender.',
    factors: [
      ['process', 'Feiertage waren im Bestellablauf nicht vorgesehen.'],
      ['knowledge', 'Die Mühle liefert auch an Feiertagen, das wusste niemand.'],
    ],
    followUps: [
      { kind: 'other', title: 'Feiertage in den Bestellkalender', owner: 'owner', dueIn: -60, done: 80 },
    ],
  },
];

function stepsJson(steps: Step[]): string {
  return JSON.stringify(
    steps.map(([text, checkpoint]) => ({
      text,
      html: renderMarkdown(text),
      checkpoint: checkpoint === true,
    })),
  );
}

/** Seeds SOPs, an onboarding plan and lessons; expects the areas and tasks to exist. */
export async function seedDemoKnowledge(
  deps: Deps,
  ctx: { workspaceId: string; people: Record<Person, string>; areaIds: Map<AreaKey, string> },
): Promise<void> {
  const { workspaceId, people } = ctx;
  const nowMs = deps.clock.now().getTime();
  const ago = (days: number) => new Date(nowMs - days * DAY).toISOString();
  const area = (key: AreaKey) => ctx.areaIds.get(key) ?? null;
  const after = new AfterCommit();
  await deps.db.transaction().execute(async (trx) => {
    const sopIds = new Map<string, string>();
    const versionIds = new Map<string, string>();
    const draftIds = new Map<string, string>();
    for (const sop of sops) {
      const areaId = area(sop.area);
      if (!areaId) continue;
      const id = newId();
      sopIds.set(sop.key, id);
      const last = sop.versions[sop.versions.length - 1];
      const createdAt = ago(sop.versions[0]?.daysAgo ?? 3);
      await trx
        .insertInto('sops')
        .values({
          id,
          workspace_id: workspaceId,
          area_id: areaId,
          title: sop.title,
          purpose: sop.purpose,
          owner_id: people[sop.owner],
          status: last ? 'published' : 'draft',
          review_every_days: sop.reviewEveryDays,
          current_version: last ? sop.versions.length : null,
          last_published_at: last ? ago(last.daysAgo) : null,
          review_reminded_at: null,
          created_by: people[sop.owner],
          version: 1,
          created_at: createdAt,
          updated_at: last ? ago(last.daysAgo) : createdAt,
        })
        .execute();
      for (const [i, v] of sop.versions.entries()) {
        const versionId = newId();
        versionIds.set(`${sop.key}:${i + 1}`, versionId);
        await trx
          .insertInto('sop_versions')
          .values({
            id: versionId,
            workspace_id: workspaceId,
            sop_id: id,
            number: i + 1,
            status: 'published',
            title: sop.title,
            purpose: sop.purpose,
            steps: stepsJson(v.steps),
            changelog: v.changelog,
            requires_reack: v.reack ? 1 : 0,
            author_id: people[sop.owner],
            follow_up_id: null,
            published_by: people.owner,
            published_at: ago(v.daysAgo),
            version: 1,
            created_at: ago(v.daysAgo + 1),
            updated_at: ago(v.daysAgo),
          })
          .execute();
      }
      if (sop.draft) {
        const draftId = newId();
        draftIds.set(sop.key, draftId);
        await trx
          .insertInto('sop_versions')
          .values({
            id: draftId,
            workspace_id: workspaceId,
            sop_id: id,
            number: null,
            status: 'draft',
            title: sop.title,
            purpose: sop.purpose,
            steps: stepsJson(sop.draft.steps),
            changelog: '',
            requires_reack: 0,
            author_id: people[sop.draft.by],
            follow_up_id: null,
            published_by: null,
            published_at: null,
            version: 1,
            created_at: ago(2),
            updated_at: ago(1),
          })
          .execute();
      }
      for (const ack of sop.acks) {
        await trx
          .insertInto('sop_acknowledgements')
          .values({
            workspace_id: workspaceId,
            sop_id: id,
            member_id: people[ack.who],
            version_number: ack.version,
            acknowledged_at: ago(ack.daysAgo),
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }

    await seedPinnedTask(trx, deps, after, { workspaceId, people, area, sopIds });
    for (const lesson of lessons) {
      await seedLesson(trx, { workspaceId, people, area, ago, sopIds, versionIds, draftIds }, lesson);
    }
    await seedOnboardingPlan(trx, { workspaceId, people, area, ago, sopIds });
  });
  after.flush(deps);
}

/** A bookkeeping task started on version 2 of the invoice SOP, which is at version 3 now. */
async function seedPinnedTask(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  ctx: {
    workspaceId: string;
    people: Record<Person, string>;
    area: (key: AreaKey) => string | null;
    sopIds: Map<string, string>;
  },
): Promise<void> {
  const sopId = ctx.sopIds.get('rechnungen');
  const areaId = ctx.area('buchhaltung');
  const v2 = sops[0]?.versions[1];
  if (!sopId || !areaId || !v2) return;
  const row = await insertTaskInTx(trx, deps, after, {
    workspaceId: ctx.workspaceId,
    actorId: ctx.people.owner,
    title: 'Rechnungen der Mühle vom März buchen',
    description: 'Nach der SOP „Eingangsrechnungen buchen und bezahlen“.',
    areaId,
    assigneeId: ctx.people.a1,
    state: 'doing',
    dueAt: null,
    dueTimeZone: null,
    priority: 'medium',
    labels: ['Rechnungen'],
    checklist: v2.steps.map(([text]) => text),
    seriesId: null,
  });
  const items = await trx
    .selectFrom('checklist_items')
    .select(['id', 'position'])
    .where('workspace_id', '=', ctx.workspaceId)
    .where('task_id', '=', row.id)
    .orderBy('position')
    .execute();
  for (const [i, item] of items.entries()) {
    await trx
      .updateTable('checklist_items')
      .set({ sop_step: i, checkpoint: v2.steps[i]?.[1] ? 1 : 0, done: i < 2 ? 1 : 0 })
      .where('id', '=', item.id)
      .execute();
  }
  await trx
    .updateTable('tasks')
    .set({ sop_id: sopId, sop_version: 2, checklist_done: Math.min(2, items.length) })
    .where('id', '=', row.id)
    .execute();
  // Seeding is not news: like the other demo tasks, its "assigned" notification counts as read.
  const now = deps.clock.now().toISOString();
  await trx
    .updateTable('notifications')
    .set({ read_at: now, emailed_at: now })
    .where('workspace_id', '=', ctx.workspaceId)
    .where('task_id', '=', row.id)
    .execute();
}

async function seedLesson(
  trx: Transaction<Database>,
  ctx: {
    workspaceId: string;
    people: Record<Person, string>;
    area: (key: AreaKey) => string | null;
    ago: (days: number) => string;
    sopIds: Map<string, string>;
    versionIds: Map<string, string>;
    draftIds: Map<string, string>;
  },
  lesson: DemoLesson,
): Promise<void> {
  const { workspaceId, people, ago } = ctx;
  const id = newId();
  const sopId = lesson.sop ? (ctx.sopIds.get(lesson.sop) ?? null) : null;
  await trx
    .insertInto('lessons')
    .values({
      id,
      workspace_id: workspaceId,
      title: lesson.title,
      what_happened: lesson.whatHappened,
      impact: lesson.impact,
      severity: lesson.severity,
      went_well: lesson.wentWell,
      learned: lesson.learned,
      task_id: null,
      area_id: ctx.area(lesson.area),
      sop_id: sopId,
      author_id: people[lesson.author],
      version: 1,
      created_at: ago(lesson.daysAgo),
      updated_at: ago(lesson.daysAgo),
    })
    .execute();
  for (const [position, [kind, text]] of lesson.factors.entries()) {
    await trx
      .insertInto('lesson_factors')
      .values({ id: newId(), workspace_id: workspaceId, lesson_id: id, kind, text, position })
      .execute();
  }
  for (const f of lesson.followUps) {
    const followUpId = newId();
    const isSopChange = f.kind === 'sop_change' && sopId !== null && lesson.sop !== null;
    // A closed sop_change points at the version that closed it; an open one at the draft it opened.
    const versionId = !isSopChange
      ? null
      : f.closedByVersion
        ? (ctx.versionIds.get(`${lesson.sop}:${f.closedByVersion}`) ?? null)
        : (ctx.draftIds.get(lesson.sop ?? '') ?? null);
    await trx
      .insertInto('lesson_follow_ups')
      .values({
        id: followUpId,
        workspace_id: workspaceId,
        lesson_id: id,
        kind: f.kind,
        title: f.title,
        owner_id: people[f.owner],
        due_at: ago(-f.dueIn),
        status: f.done !== undefined ? 'done' : 'open',
        sop_id: isSopChange ? sopId : null,
        sop_version_id: versionId,
        done_at: f.done !== undefined ? ago(f.done) : null,
        done_by: f.done !== undefined ? people[f.owner] : null,
        overdue_notified_at: null,
        created_at: ago(lesson.daysAgo),
      })
      .execute();
    if (versionId) {
      await trx
        .updateTable('sop_versions')
        .set({ follow_up_id: followUpId })
        .where('id', '=', versionId)
        .execute();
    }
  }
}

/** Ben's first 30 days in Social Media, twelve days in: the first week done, the rest ahead. */
async function seedOnboardingPlan(
  trx: Transaction<Database>,
  ctx: {
    workspaceId: string;
    people: Record<Person, string>;
    area: (key: AreaKey) => string | null;
    ago: (days: number) => string;
    sopIds: Map<string, string>;
  },
): Promise<void> {
  const { workspaceId, people, ago } = ctx;
  const areaId = ctx.area('social');
  if (!areaId || people.a2 === people.owner) return;
  const startsOn = ago(12).slice(0, 10);
  const planId = newId();
  await trx
    .insertInto('onboarding_plans')
    .values({
      id: planId,
      workspace_id: workspaceId,
      assistant_id: people.a2,
      title: firstThirtyDaysTemplate.name.de,
      template_key: firstThirtyDaysTemplate.key,
      starts_on: startsOn,
      charter: JSON.stringify({
        outcomes: [
          'Der Wochenpost erscheint jeden Montag ohne Nachfrage',
          'Kommentare werden innerhalb eines Tages beantwortet',
          'Social Media erreicht Stufe 3',
        ],
        workingHours: 'Mo, Mi, Fr 8:00–12:00',
        responseTimes: 'Nachrichten innerhalb von 4 Arbeitsstunden',
        authorityNotes: 'Beiträge ohne Preise darfst du selbst veröffentlichen; Aktionen nur nach Freigabe.',
      }),
      area_ids: JSON.stringify([areaId]),
      status: 'active',
      created_by: people.owner,
      version: 1,
      created_at: ago(12),
      updated_at: ago(2),
    })
    .execute();
  const items = planItemsFromTemplate(firstThirtyDaysTemplate, startsOn, 'de');
  for (const [position, item] of items.entries()) {
    const done = item.dueDay <= 7;
    await trx
      .insertInto('onboarding_items')
      .values({
        id: newId(),
        workspace_id: workspaceId,
        plan_id: planId,
        kind: item.kind,
        title: item.title,
        due_day: item.dueDay,
        position,
        sop_id: null,
        task_id: null,
        access_system: item.access?.system ?? null,
        access_privilege: item.access?.leastPrivilege ?? null,
        done_at: done ? ago(12 - item.dueDay) : null,
        done_by: done
          ? item.kind === 'acknowledge_sop' || item.kind === 'first_task'
            ? people.a2
            : people.owner
          : null,
        done_how: done
          ? item.kind === 'acknowledge_sop' || item.kind === 'first_task'
            ? 'auto'
            : 'manual'
          : null,
      })
      .execute();
  }
  await trx
    .insertInto('support_episodes')
    .values({
      id: newId(),
      workspace_id: workspaceId,
      member_id: people.a2,
      area_id: areaId,
      reason: 'onboarding',
      cap_level: 2,
      note: 'Einarbeitung in Social Media: die ersten Beiträge gemeinsam ansehen.',
      started_by: people.owner,
      starts_at: ago(12),
      planned_end_at: ago(-2),
      ended_at: null,
      extensions: '[]',
      created_at: ago(12),
    })
    .execute();
}
