import { type Checked, type Problem, problem } from './problems.ts';
import {
  type AutonomyLevel,
  autonomyLimits,
  isAutonomyLevel,
  type LevelChangeKind,
  type ProposalDecision,
  type ProposalKind,
  type ProposalStatus,
  toAutonomyLevel,
} from './values.ts';

/** What a decided proposal changes: the new status and, when accepted, the level change to record. */
export interface ProposalOutcome {
  status: Exclude<ProposalStatus, 'pending'>;
  change: { from: AutonomyLevel; to: AutonomyLevel; kind: LevelChangeKind } | null;
}

const changeKindOf: Record<ProposalKind, LevelChangeKind> = {
  auto_promotion: 'promotion',
  assistant_request: 'request',
  demotion_suggestion: 'demotion',
};

function text(field: string, value: string | null | undefined, required: string | null, problems: Problem[]) {
  const trimmed = (value ?? '').trim();
  if (required !== null && trimmed === '') problems.push(problem(field, 'required', required));
  else if (trimmed.length > autonomyLimits.reasonMax) {
    problems.push(problem(field, 'too_long', 'Too long.', { max: autonomyLimits.reasonMax }));
  }
  return trimmed;
}

/**
 * A principal's decision on a pending proposal. Declining needs a reason (DESIGN §4). This is
 * the one way a proposal changes a level — including a demotion suggestion, which lowers the
 * grant only here, when someone accepts it.
 */
export function decideProposal(
  proposal: { kind: ProposalKind; from: number; to: number; status: ProposalStatus },
  input: { decision: ProposalDecision; reason?: string | null },
): Checked<ProposalOutcome> {
  const problems: Problem[] = [];
  if (proposal.status !== 'pending') {
    problems.push(problem('decision', 'already_decided', 'This proposal has already been decided.'));
  }
  text('reason', input.reason, input.decision === 'decline' ? 'Say why you decline.' : null, problems);
  if (problems.length > 0) return { ok: false, problems };
  if (input.decision === 'decline') return { ok: true, value: { status: 'declined', change: null } };
  return {
    ok: true,
    value: {
      status: 'accepted',
      change: {
        from: toAutonomyLevel(proposal.from),
        to: toAutonomyLevel(proposal.to),
        kind: changeKindOf[proposal.kind],
      },
    },
  };
}

function checkTarget(field: string, from: number, to: number, maxLevel: number, problems: Problem[]) {
  if (!isAutonomyLevel(to)) {
    problems.push(problem(field, 'integer_between', 'Must be a level from 1 to 5.', { min: 1, max: 5 }));
  } else if (to > maxLevel) {
    problems.push(problem(field, 'level_above_max', `This area goes up to level ${maxLevel}.`, { maxLevel }));
  } else if (to === from) {
    problems.push(problem(field, 'same_level', 'That is the current level.', { level: from }));
  }
}

/** An assistant asks for another level in an area (up or down), with a note saying why. */
export function checkLevelRequest(input: {
  from: number;
  to: number;
  maxLevel: number;
  note: string;
}): Checked<{ from: AutonomyLevel; to: AutonomyLevel; note: string }> {
  const problems: Problem[] = [];
  checkTarget('to', input.from, input.to, input.maxLevel, problems);
  const note = text('note', input.note, 'Add a note for the principal.', problems);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { from: toAutonomyLevel(input.from), to: input.to as AutonomyLevel, note } };
}

/**
 * A principal sets a level directly on the delegation board, with a reason kept in the level
 * history. Upward or downward, it is a decision, recorded as a `manual` change.
 */
export function checkSetLevel(input: {
  from: number;
  to: number;
  maxLevel: number;
  reason: string;
}): Checked<{ from: AutonomyLevel; to: AutonomyLevel; kind: LevelChangeKind; reason: string }> {
  const problems: Problem[] = [];
  checkTarget('level', input.from, input.to, input.maxLevel, problems);
  const reason = text('reason', input.reason, 'Say why the level changes.', problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { from: toAutonomyLevel(input.from), to: input.to as AutonomyLevel, kind: 'manual', reason },
  };
}
