import type { Deps } from '../context.ts';
import { DAY } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';

/**
 * Goals and missions of the demo bakery (issue 7): the Easter goal is at risk (so it is on
 * the Monday agenda) with a mission per assistant, one of them with tasks, one proposed by an
 * assistant below level 3; the receipts goal is on track. Existing demo tasks are linked to
 * the missions they belong to.
 */

type Person = 'owner' | 'a1' | 'a2';
type AreaKey = 'buchhaltung' | 'kundenservice' | 'social' | 'einkauf';

export async function seedDemoGoals(
  deps: Deps,
  ctx: { workspaceId: string; people: Record<Person, string>; areaIds: Map<AreaKey, string> },
): Promise<void> {
  const { workspaceId, people } = ctx;
  const nowMs = deps.clock.now().getTime();
  const at = (days: number) => new Date(nowMs + days * DAY).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const goals = [
      {
        key: 'ostern',
        title: 'Ostergeschäft: 15 % mehr Umsatz als im Vorjahr',
        measure: 'Umsatz der Karwoche laut Kasse',
        target: '+15 % gegenüber Vorjahr',
        due: 24,
        status: 'at_risk' as const,
      },
      {
        key: 'belege',
        title: 'Belege immer bis zum 5. des Folgemonats bei der Steuerberaterin',
        measure: 'Tag der Übergabe pro Monat',
        target: '12 von 12 Monaten pünktlich',
        due: 200,
        status: 'on_track' as const,
      },
    ];
    const goalIds = new Map<string, string>();
    for (const g of goals) {
      const id = newId();
      goalIds.set(g.key, id);
      await trx
        .insertInto('goals')
        .values({
          id,
          workspace_id: workspaceId,
          title: g.title,
          description: '',
          measure: g.measure,
          target: g.target,
          due_at: at(g.due),
          status: g.status,
          owner_id: people.owner,
          version: 1,
          created_at: at(-20),
          updated_at: at(-2),
        })
        .execute();
    }
    const missions = [
      {
        goal: 'ostern',
        area: 'social' as const,
        who: 'a2' as const,
        title: 'Osteraktion auf Instagram',
        intent: 'Stammkundschaft soll wissen, dass es ab Gründonnerstag Osterzöpfe und Lämmer gibt.',
        endState:
          'Vier Beiträge und eine Story-Serie sind geplant; Vorbestellungen kommen über das Formular.',
        constraints: ['Nur Preise, die im Laden gelten', 'Keine Kundschaft ohne Einwilligung im Bild'],
        due: 10,
        tasks: ['Instagram-Wochenplan', 'Oster-Gewinnspiel'],
      },
      {
        goal: 'ostern',
        area: 'buchhaltung' as const,
        who: 'a1' as const,
        title: 'Kalkulation für das Ostersortiment',
        intent: 'Wir wollen wissen, ob die Osterpreise bei den neuen Mehlpreisen noch tragen.',
        endState: 'Eine Tabelle mit Deckungsbeitrag je Produkt, besprochen in der Wochenrunde.',
        constraints: ['Zahlen der Mühle vom März verwenden'],
        due: 5,
        tasks: ['Rechnungen der Mühle'],
      },
      {
        goal: 'belege',
        area: 'buchhaltung' as const,
        who: 'a1' as const,
        title: 'Monatsabschluss vorbereiten',
        intent: 'Die Steuerberaterin bekommt jeden Monat alles auf einmal.',
        endState: 'Belege, Kassenbericht und offene Posten liegen im geteilten Ordner.',
        constraints: [],
        due: 9,
        tasks: [],
      },
    ];
    for (const m of missions) {
      const goalId = goalIds.get(m.goal);
      const areaId = ctx.areaIds.get(m.area) ?? null;
      if (!goalId) continue;
      const id = newId();
      await trx
        .insertInto('missions')
        .values({
          id,
          workspace_id: workspaceId,
          goal_id: goalId,
          area_id: areaId,
          assignee_id: people[m.who],
          title: m.title,
          intent: m.intent,
          end_state: m.endState,
          constraints: JSON.stringify(m.constraints),
          due_at: at(m.due),
          status: 'open',
          version: 1,
          created_by: people.owner,
          created_at: at(-14),
          updated_at: at(-14),
        })
        .execute();
      for (const prefix of m.tasks) {
        await trx
          .updateTable('tasks')
          .set({ mission_id: id })
          .where('workspace_id', '=', workspaceId)
          .where('title', 'like', `${prefix}%`)
          .where('area_id', '=', areaId)
          .execute();
      }
    }
  });
}
