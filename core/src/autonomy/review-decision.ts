import { type Checked, type Problem, problem } from './problems.ts';
import { autonomyLimits, type ReviewOutcome, type ReviewTag, reviewTags } from './values.ts';

export interface ReviewDecisionInput {
  outcome: ReviewOutcome;
  tags?: readonly string[] | null;
  note?: string | null;
}

export interface ReviewDecision {
  outcome: ReviewOutcome;
  tags: ReviewTag[];
  note: string;
}

/**
 * A reviewer's decision (DESIGN §4): a change request carries at least one tag — defect or
 * preference, since only defects count against the assistant — and a note saying what to
 * change. An acceptance carries no tags (there is nothing to classify) and may carry a note.
 * The schema cannot say "required when changes are requested" without a union that the
 * server's `removeAdditional` would mangle, so this is where it is said.
 */
export function checkReviewDecision(input: ReviewDecisionInput): Checked<ReviewDecision> {
  const problems: Problem[] = [];
  const tags = [...new Set(input.tags ?? [])];
  const note = (input.note ?? '').trim();
  const unknown = tags.filter((t) => !(reviewTags as readonly string[]).includes(t));
  if (unknown.length > 0) {
    problems.push(
      problem('tags', 'not_allowed', `Tags must be ${reviewTags.join(' or ')}.`, {
        allowed: reviewTags.join(','),
      }),
    );
  }
  if (input.outcome === 'changes_requested') {
    if (tags.length === 0) {
      problems.push(problem('tags', 'required', 'Tag the change request as defect, preference or both.'));
    }
    if (note === '') problems.push(problem('note', 'required', 'Say what should change.'));
  } else if (tags.length > 0) {
    problems.push(problem('tags', 'not_allowed', 'An acceptance carries no tags.', { allowed: '' }));
  }
  if (note.length > autonomyLimits.noteMax) {
    problems.push(problem('note', 'too_long', 'Too long.', { max: autonomyLimits.noteMax }));
  }
  if (problems.length > 0) return { ok: false, problems };
  // Stored in the order of `reviewTags`, so equal decisions compare equal.
  const ordered = reviewTags.filter((t) => tags.includes(t));
  return { ok: true, value: { outcome: input.outcome, tags: ordered, note } };
}
