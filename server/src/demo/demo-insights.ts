import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Deps } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { AfterCommit } from '../events/after-commit.ts';
import { DAY, HOUR } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { findArea } from '../modules/areas/areas.repository.ts';
import { createAccount } from '../modules/auth/auth.service.ts';
import { cellState, loadSettings } from '../modules/autonomy/autonomy.service.ts';
import { recordTaskEvent } from '../modules/tasks/history.repository.ts';
import { insertTaskInTx } from '../modules/tasks/tasks.service.ts';
import { findUserByEmail } from '../modules/users/users.repository.ts';
import { findMembership, insertMembership } from '../modules/workspaces/workspaces.repository.ts';

/**
 * The insights of the demo bakery (issue 7): four months of finished routine work with its
 * reviews, so the micromanagement index shows one principal × assistant pair in each band
 * right after `npm run leeway -- demo`. Jonas, the master baker, joins Paula as co-owner:
 * - Paula × Amira, healthy — and improving: Paula used to check every post and decide late;
 * - Jonas × Amira, watch — he asks for reviews of her posts and rewrites two of them;
 * - Paula × Ben, high — slow reviews, two of Ben's customer tasks taken back;
 * - Jonas × Ben, critical — he reviews every order, rejects on taste, decides after two days,
 *   nudges Ben about tasks Ben has just worked on, and the promotion in purchasing that
 *   Ben's record earned three weeks ago waits; Ben's close guidance after a complaint ran
 *   five weeks instead of two.
 * Rows are written as the services would have left them (tasks, history, review records),
 * dated relative to the clock. Not idempotent, like the other demo seeders.
 */

type Person = 'owner' | 'a1' | 'a2';
type AreaKey = 'buchhaltung' | 'kundenservice' | 'social' | 'einkauf';
type Principal = 'paula' | 'jonas';

const JONAS = { email: 'jonas@demo.leeway.local', name: 'Jonas Prinz' };
/** Weeks of finished routine work: enough for a trend of four months. */
const WEEKS = 14;

const products = [
  'Zimtschnecken',
  'Dinkelvollkornbrot',
  'Bienenstich',
  'Laugenbrezeln',
  'Roggenmischbrot',
  'Apfelstrudel',
  'Quarkbällchen',
  'Rosinenstuten',
  'Kürbiskernbrötchen',
  'Käsekuchen',
  'Franzbrötchen',
  'Mohnschnecken',
  'Sauerteig-Baguette',
  'Erdbeertörtchen',
];
const orders = [
  'Mühle Schneider: Weizenmehl Type 550',
  'Molkerei Hofmann: Butter und Sahne',
  'Verpackung Krause: Brötchentüten',
  'Rösterei Hansen: Espressobohnen',
  'Obsthof Lindner: Äpfel für Strudel',
  'Mühle Schneider: Roggenmehl Type 1150',
  'Eierhof Brandt: Freilandeier',
  'Großhandel Weber: Hefe und Backmalz',
];

interface Review {
  reviewer: Principal;
  phase: 'required' | 'requested';
  /** Hours from submission to decision, one per round; rounds before the last asked for changes. */
  hours: number[];
  /** Tags of each change request (one entry per round but the last). */
  tags: ('defect' | 'preference')[][];
}

interface Done {
  who: 'a1' | 'a2';
  area: AreaKey;
  title: string;
  daysAgo: number;
  review: Review | null;
}

/** Hours to a decision, by pair and by how long ago; a few values each, cycled. */
const latency: Record<string, { recent: number[]; before: number[] }> = {
  'paula|a1': { recent: [4, 6, 9, 5, 7], before: [28, 34, 22, 40, 30] },
  'jonas|a1': { recent: [20, 28, 26, 32, 24], before: [20, 28, 26, 32, 24] },
  'paula|a2': { recent: [38, 44, 36, 50, 42], before: [30, 26, 36, 22, 28] },
  'jonas|a2': { recent: [52, 60, 70, 48, 58], before: [44, 50, 40, 56, 48] },
};

/**
 * Which rounds asked for changes, by pair, recent (last 30 days) or before, and the pair's
 * running count of reviews: Jonas rejects on taste; Paula once had the same habit with Amira.
 */
function changeRequests(pair: string, recent: boolean, n: number): ('defect' | 'preference')[][] {
  switch (pair) {
    case 'paula|a1':
      if (recent) return n % 5 === 2 ? [['preference']] : n % 5 === 4 ? [['defect']] : [];
      return n % 3 === 1 ? [['preference']] : [];
    case 'jonas|a1':
      return n % 3 === 0 ? [['preference']] : n % 6 === 4 ? [['defect']] : [];
    case 'paula|a2':
      return n % 3 === 0 ? [['preference']] : n % 9 === 4 ? [['defect']] : [];
    default:
      return n % 2 === 0 ? [['preference']] : [];
  }
}

/** The routine work of both assistants over the last `WEEKS` weeks, with its reviews. */
function history(): Done[] {
  const done: Done[] = [];
  const counts = new Map<string, number>();
  const review = (who: 'a1' | 'a2', reviewer: Principal, phase: Review['phase'], daysAgo: number): Review => {
    const pair = `${reviewer}|${who}`;
    const n = counts.get(pair) ?? 0;
    counts.set(pair, n + 1);
    const recent = daysAgo < 30;
    const table = latency[pair] ?? { recent: [8], before: [8] };
    const hours = recent ? table.recent : table.before;
    const tags = changeRequests(pair, recent, n);
    return {
      reviewer,
      phase,
      hours: Array.from({ length: tags.length + 1 }, (_, i) => hours[(n + i) % hours.length] ?? 8),
      tags,
    };
  };
  let required = 0;
  for (let week = WEEKS - 1; week >= 0; week -= 1) {
    const base = week * 7;
    // Amira: bookkeeping twice a week (every result reviewed at her level in a high-risk
    // area), one post; Paula asked to see her posts until about two months ago, Jonas now.
    for (const [offset, area] of [
      [5, 'buchhaltung'],
      [3, 'social'],
      [1, 'buchhaltung'],
    ] as const) {
      const daysAgo = base + offset;
      if (area === 'buchhaltung') {
        const reviewer: Principal = required++ % 2 === 0 ? 'paula' : 'jonas';
        const titles = ['Belege verbuchen', 'Kassenbericht prüfen', 'Lieferantenrechnungen erfassen'];
        done.push({
          who: 'a1',
          area,
          title: `${titles[week % titles.length] ?? ''} (KW {kw})`,
          daysAgo,
          review: review('a1', reviewer, 'required', daysAgo),
        });
      } else {
        const asker: Principal | null = daysAgo < 30 ? 'jonas' : daysAgo < 60 ? null : 'paula';
        done.push({
          who: 'a1',
          area,
          title: `Instagram-Post: ${products[week % products.length] ?? ''}`,
          daysAgo,
          review: asker ? review('a1', asker, 'requested', daysAgo) : null,
        });
      }
    }
    // Ben: customer service once a week (every result reviewed at levels 1–2), three orders,
    // which Jonas (and now and then Paula) asks to see although level 3 would not require it.
    for (const [offset, area, i] of [
      [6, 'kundenservice', 0],
      [5, 'einkauf', 0],
      [3, 'einkauf', 1],
      [1, 'einkauf', 2],
    ] as const) {
      const daysAgo = base + offset;
      if (area === 'kundenservice') {
        const titles = [
          'Anfragen-Postfach abarbeiten',
          'Vorbestellungen bestätigen',
          'Google-Bewertungen beantworten',
        ];
        const reviewer: Principal = week % 2 === 0 ? 'paula' : 'jonas';
        done.push({
          who: 'a2',
          area,
          title: `${titles[week % titles.length] ?? ''} (KW {kw})`,
          daysAgo,
          review: review('a2', reviewer, 'required', daysAgo),
        });
      } else {
        const asker: Principal = (week + i) % 6 === 0 ? 'paula' : 'jonas';
        done.push({
          who: 'a2',
          area,
          title: `Bestellung ${orders[(week * 3 + i) % orders.length] ?? ''}`,
          daysAgo,
          review: review('a2', asker, 'requested', daysAgo),
        });
      }
    }
  }
  return done;
}

/** ISO week number of an instant (in UTC: the demo's titles only need the week). */
function isoWeek(ms: number): number {
  const d = new Date(ms);
  const date = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  // The Thursday of the same week decides the year the week belongs to.
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7) + 3);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil(((date.getTime() - yearStart) / DAY + 1) / 7);
}

/** The co-owner of the demo bakery: an account of its own (reused when it exists), an owner here. */
async function ensureJonas(deps: Deps, workspaceId: string): Promise<string> {
  const existing = await findUserByEmail(deps.db, JONAS.email);
  const id =
    existing?.id ??
    (await deps.db.transaction().execute((trx) =>
      createAccount(deps, trx, {
        ...JONAS,
        // Nobody logs in as Jonas unless an operator resets his password.
        password: randomBytes(24).toString('base64url'),
        locale: 'de',
        timeZone: 'Europe/Berlin',
      }),
    ));
  if (!(await findMembership(deps.db, workspaceId, id))) {
    await insertMembership(deps.db, {
      workspace_id: workspaceId,
      user_id: id,
      role: 'owner',
      created_at: new Date(deps.clock.now().getTime() - 200 * DAY).toISOString(),
    });
  }
  return id;
}

/**
 * Seeds the insights of the demo (see the top of this file). Needs two assistants; with
 * fewer there are no pairs worth showing and nothing is added.
 */
export async function seedDemoInsights(
  deps: Deps,
  ctx: { workspaceId: string; people: Record<Person, string>; areaIds: Map<AreaKey, string> },
): Promise<void> {
  const { workspaceId, people, areaIds } = ctx;
  if (people.a1 === people.owner || people.a2 === people.a1) return;
  const jonas = await ensureJonas(deps, workspaceId);
  const principals: Record<Principal, string> = { paula: people.owner, jonas };
  const nowMs = deps.clock.now().getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const ago = (days: number) => iso(nowMs - days * DAY);

  const after = new AfterCommit();
  await deps.db.transaction().execute(async (trx) => {
    const completed: { id: string; who: 'a1' | 'a2'; area: AreaKey; title: string; at: number }[] = [];
    for (const item of history()) {
      const areaId = areaIds.get(item.area) ?? null;
      const assigneeId = people[item.who];
      // Routine work is finished in the afternoon: submitted around 15:00, decided later.
      const doneDay = nowMs - item.daysAgo * DAY;
      const rounds = item.review?.hours ?? [];
      const workMs = 3 * HOUR;
      let submitted = doneDay - rounds.reduce((sum, h) => sum + h * HOUR + workMs, 0);
      const createdMs = submitted - 2 * DAY;
      const title = item.title.replace('{kw}', String(isoWeek(doneDay)));
      const row = await insertTaskInTx(trx, deps, after, {
        workspaceId,
        actorId: assigneeId,
        title,
        description: '',
        areaId,
        assigneeId,
        state: 'done',
        dueAt: iso(doneDay),
        dueTimeZone: 'Europe/Berlin',
        priority: item.area === 'einkauf' ? 'medium' : 'low',
        labels: item.area === 'social' ? ['Instagram'] : item.area === 'einkauf' ? ['Bestellung'] : [],
        checklist: [],
        seriesId: null,
      });
      const review = item.review;
      let phase: Review['phase'] | null = null;
      if (review) {
        phase = review.phase;
        for (const [round, hours] of review.hours.entries()) {
          const decided = submitted + hours * HOUR;
          const tags = review.tags[round];
          const outcome = tags ? 'changes_requested' : 'accepted';
          await recordTaskEvent(trx, {
            workspaceId,
            taskId: row.id,
            actorId: assigneeId,
            kind: 'submitted',
            data: { goesToReview: true, phase: review.phase },
            at: iso(submitted),
          });
          await trx
            .insertInto('review_records')
            .values({
              id: newId(),
              workspace_id: workspaceId,
              task_id: row.id,
              member_id: assigneeId,
              area_id: areaId,
              reviewer_id: principals[review.reviewer],
              phase: review.phase,
              submitted_at: iso(submitted),
              decided_at: iso(decided),
              outcome,
              tags: JSON.stringify(tags ?? []),
              note: tags?.includes('preference')
                ? 'Bitte so, wie ich es gewohnt bin.'
                : tags
                  ? 'Da fehlt noch ein Beleg.'
                  : '',
            })
            .execute();
          await recordTaskEvent(trx, {
            workspaceId,
            taskId: row.id,
            actorId: principals[review.reviewer],
            kind: 'reviewed',
            data: { outcome, tags: tags ?? [], note: '' },
            at: iso(decided),
          });
          submitted = decided + workMs;
        }
      }
      await trx
        .updateTable('tasks')
        .set({
          created_at: iso(createdMs),
          updated_at: iso(doneDay),
          completed_at: iso(doneDay),
          review_phase: phase,
          review_requested: phase === 'requested' ? 1 : 0,
          submitted_at: phase ? iso(doneDay - (review?.hours.at(-1) ?? 0) * HOUR) : null,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', row.id)
        .execute();
      await trx
        .updateTable('task_events')
        .set({ created_at: iso(createdMs) })
        .where('workspace_id', '=', workspaceId)
        .where('task_id', '=', row.id)
        .where('kind', '=', 'created')
        .execute();
      completed.push({ id: row.id, who: item.who, area: item.area, title, at: doneDay });
    }

    // Take-backs. Jonas rewrites two of Amira's recent posts and two of Ben's orders after
    // they were accepted; Paula takes two of Ben's customer tasks over herself.
    const recent = (who: 'a1' | 'a2', area: AreaKey) =>
      completed.filter((c) => c.who === who && c.area === area && c.at > nowMs - 25 * DAY);
    for (const c of [...recent('a1', 'social').slice(0, 2), ...recent('a2', 'einkauf').slice(0, 2)]) {
      const at = c.at + 5 * HOUR;
      const to = c.area === 'social' ? `${c.title} (Text von Jonas)` : `${c.title} – Menge angepasst`;
      await trx
        .updateTable('tasks')
        .set({ title: to, updated_at: iso(at) })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', c.id)
        .execute();
      await recordTaskEvent(trx, {
        workspaceId,
        taskId: c.id,
        actorId: jonas,
        kind: 'updated',
        data: { changes: { title: { from: c.title, to } } },
        at: iso(at),
      });
    }
    for (const [title, daysAgo] of [
      ['Reklamation Café Sonnenschein: Kuchenlieferung', 8],
      ['Angebot Sommerfest Kita Regenbogen', 19],
    ] as const) {
      const row = await insertTaskInTx(trx, deps, after, {
        workspaceId,
        actorId: people.a2,
        title,
        description: '',
        areaId: areaIds.get('kundenservice') ?? null,
        assigneeId: people.a2,
        state: 'done',
        dueAt: ago(daysAgo - 1),
        dueTimeZone: 'Europe/Berlin',
        priority: 'high',
        labels: ['B2B'],
        checklist: [],
        seriesId: null,
      });
      const takenAt = nowMs - daysAgo * DAY;
      await trx
        .updateTable('tasks')
        .set({
          assignee_id: people.owner,
          created_at: ago(daysAgo + 2),
          updated_at: ago(daysAgo - 1),
          completed_at: ago(daysAgo - 1),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', row.id)
        .execute();
      await trx
        .updateTable('task_events')
        .set({ created_at: ago(daysAgo + 2) })
        .where('workspace_id', '=', workspaceId)
        .where('task_id', '=', row.id)
        .execute();
      await recordTaskEvent(trx, {
        workspaceId,
        taskId: row.id,
        actorId: people.owner,
        kind: 'updated',
        data: { changes: { assigneeId: { from: people.a2, to: people.owner } } },
        at: iso(takenAt),
      });
    }

    // "Any update?" from Jonas on Ben's open tasks that Ben had worked on that morning.
    const open = await trx
      .selectFrom('tasks')
      .select(['id', 'assignee_id'])
      .where('workspace_id', '=', workspaceId)
      .where('assignee_id', 'in', [people.a1, people.a2])
      .where('state', '=', 'doing')
      .orderBy('title')
      .execute();
    const nudged = [
      ...open.filter((t) => t.assignee_id === people.a2).slice(0, 3),
      ...open.filter((t) => t.assignee_id === people.a1).slice(0, 1),
    ];
    for (const [i, t] of nudged.entries()) {
      for (const daysAgo of t.assignee_id === people.a2 ? [3 + i, 10 + i, 17 + i] : [6]) {
        const at = nowMs - daysAgo * DAY;
        await trx
          .insertInto('task_nudges')
          .values({
            id: newId(),
            workspace_id: workspaceId,
            task_id: t.id,
            principal_id: jonas,
            assignee_id: t.assignee_id,
            task_changed_at: iso(at - 3 * HOUR),
            redundant: 1,
            created_at: iso(at),
          })
          .execute();
        await recordTaskEvent(trx, {
          workspaceId,
          taskId: t.id,
          actorId: jonas,
          kind: 'nudged',
          data: { assigneeId: t.assignee_id },
          at: iso(at),
        });
      }
    }

    await seedLadder(trx, deps, { workspaceId, people, areaIds, jonas, ago });

    // As in the other seeders: seeding is not news.
    const now = iso(nowMs);
    await trx
      .updateTable('notifications')
      .set({ read_at: now, emailed_at: now })
      .where('workspace_id', '=', workspaceId)
      .where('read_at', 'is', null)
      .execute();
  });
  after.flush(deps);
}

/**
 * Ben's side of the ladder: close guidance in customer service after a complaint, planned
 * for two weeks and extended twice by Jonas (ended nine days ago), and the promotion in
 * purchasing his record earned three weeks ago, still pending.
 */
async function seedLadder(
  trx: Transaction<Database>,
  deps: Deps,
  ctx: {
    workspaceId: string;
    people: Record<Person, string>;
    areaIds: Map<AreaKey, string>;
    jonas: string;
    ago: (days: number) => string;
  },
): Promise<void> {
  const { workspaceId, people, areaIds, jonas, ago } = ctx;
  const service = areaIds.get('kundenservice');
  if (service) {
    await trx
      .insertInto('support_episodes')
      .values({
        id: newId(),
        workspace_id: workspaceId,
        member_id: people.a2,
        area_id: service,
        reason: 'after_incident',
        cap_level: 2,
        note: 'Nach der Beschwerde über die Hochzeitstorte: Antworten an Kundinnen vorher gemeinsam ansehen.',
        started_by: jonas,
        starts_at: ago(44),
        planned_end_at: ago(9),
        ended_at: ago(9),
        extensions: JSON.stringify([
          {
            by: jonas,
            reason: 'Noch zwei Wochen, bis das Ostergeschäft anläuft.',
            newEnd: ago(16),
            at: ago(31),
          },
          { by: jonas, reason: 'Sicher ist sicher – eine Woche mehr.', newEnd: ago(9), at: ago(17) },
        ]),
        created_at: ago(44),
      })
      .execute();
  }
  const purchasing = areaIds.get('einkauf');
  const area = purchasing ? await findArea(trx, workspaceId, purchasing) : undefined;
  if (area) {
    const state = await cellState(trx, deps, await loadSettings(trx, workspaceId), area, people.a2);
    await trx
      .insertInto('proposals')
      .values({
        id: newId(),
        workspace_id: workspaceId,
        member_id: people.a2,
        area_id: area.id,
        from_level: state.grant.level,
        to_level: state.grant.level + 1,
        kind: 'auto_promotion',
        status: 'pending',
        evidence: JSON.stringify({ ...state.evidence, computedAt: ago(21) }),
        explanation: JSON.stringify(state.evidence.promotion.explanation),
        note: '',
        decided_by: null,
        decision_reason: null,
        created_at: ago(21),
        decided_at: null,
      })
      .execute();
  }
}
