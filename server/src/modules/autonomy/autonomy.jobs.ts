import type { Job } from '../../jobs/scheduler.ts';
import { listGrants, overdueEpisodes, updateEpisodeIf } from './autonomy.repository.ts';
import { evaluateCellNow } from './autonomy.service.ts';

const BATCH = 100;

/**
 * Support episodes end by themselves at their planned end (DESIGN §4): the job stamps the end
 * on each one past it, with a conditional update, so two nodes never end one twice. The
 * effective level already ignores an episode past its planned end; the stamp makes it final.
 */
export const episodeEndJob: Job = {
  name: 'support-episodes-end',
  everyMs: 60_000,
  run: async (deps) => {
    const now = deps.clock.now().toISOString();
    let ended = 0;
    for (;;) {
      const batch = await overdueEpisodes(deps.db, now, BATCH);
      if (batch.length === 0) break;
      for (const episode of batch) {
        const done = await updateEpisodeIf(
          deps.db,
          episode.workspace_id,
          episode.id,
          { plannedEndAt: episode.planned_end_at, endedAt: null },
          { ended_at: episode.planned_end_at },
        );
        if (done) {
          ended += 1;
          deps.events.publish({
            workspaceId: episode.workspace_id,
            event: { type: 'area.changed', areaId: episode.area_id },
          });
        }
      }
      if (batch.length < BATCH) break;
    }
    return ended;
  },
};

/**
 * Days at level grow without any event: once a day's worth of time has passed, evidence may
 * meet the criteria. This pass re-reads every grant and makes the proposals the rules call
 * for (never a level change).
 */
export const autonomyEvaluationJob: Job = {
  name: 'autonomy-evaluation',
  everyMs: 60 * 60_000,
  run: async (deps) => {
    const workspaces = await deps.db.selectFrom('workspaces').select('id').execute();
    let proposed = 0;
    for (const { id: workspaceId } of workspaces) {
      for (const grant of await listGrants(deps.db, workspaceId)) {
        if (await evaluateCellNow(deps, workspaceId, grant.area_id, grant.member_id)) proposed += 1;
      }
    }
    return proposed;
  },
};

export const autonomyJobs: Job[] = [episodeEndJob, autonomyEvaluationJob];
