import Type, { type Static } from 'typebox';
import { explanationCodes } from '../autonomy/explanations.ts';
import { reviewPhases } from '../autonomy/values.ts';
import { literalUnion } from './common.ts';

/**
 * The parts of the autonomy contract the `Task` schema carries. They live here, not in
 * `autonomy.ts`, because `autonomy.ts` imports `TaskSummary` from `tasks.ts`: importing them
 * from there into `tasks.ts` would make a cycle. `autonomy.ts` re-exports all of them.
 */

export const ReviewPhaseSchema = literalUnion(reviewPhases);

/**
 * Why an automatic decision was made: a code from the closed list and its numbers. The web
 * translates the code; `params` per code are typed by core's `ExplanationParamsByCode`.
 */
export const ExplanationSchema = Type.Object(
  {
    code: literalUnion(explanationCodes),
    params: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ExplanationBody = Static<typeof ExplanationSchema>;

/** What `decideReview` answered on submission, stored on the task: why it is (not) in review. */
export const ReviewRouting = Type.Object(
  {
    goesToReview: Type.Boolean(),
    phase: Type.Union([ReviewPhaseSchema, Type.Null()]),
    reason: ExplanationSchema,
    overReview: Type.Boolean(),
    sample: Type.Union([
      Type.Object(
        {
          selected: Type.Boolean(),
          draw: Type.Number(),
          rate: Type.Number(),
          baseRate: Type.Number(),
          tightened: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type ReviewRouting = Static<typeof ReviewRouting>;
