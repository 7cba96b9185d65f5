import Type, { type Static } from 'typebox';
import { mmiBands, mmiSignalKeys, mmiStatuses, underSupportKeys } from '../insights/values.ts';
import { Id, literalUnion, Timestamp } from './common.ts';

/** The insights API (DESIGN §10): the micromanagement index per principal × assistant pair. */

export const MmiSignalKeySchema = literalUnion(mmiSignalKeys);
export const MmiBandSchema = literalUnion(mmiBands);
export const MmiStatusSchema = literalUnion(mmiStatuses);
export const UnderSupportKeySchema = literalUnion(underSupportKeys);

export const InsightsQuery = Type.Object({ assistantId: Type.Optional(Id) }, { additionalProperties: false });
export type InsightsQuery = Static<typeof InsightsQuery>;

export const InsightTrendQuery = Type.Object(
  { principalId: Id, assistantId: Id },
  { additionalProperties: false },
);
export type InsightTrendQuery = Static<typeof InsightTrendQuery>;

const RawValue = Type.Union([Type.Number(), Type.String(), Type.Null()]);

export const InsightSignal = Type.Object(
  {
    key: MmiSignalKeySchema,
    value: Type.Number({ minimum: 0, maximum: 1 }),
    weight: Type.Number(),
    contribution: Type.Number(),
    raw: Type.Record(Type.String(), RawValue, { description: 'The numbers behind the value.' }),
    suggestion: Type.Union([
      Type.Object(
        {
          code: Type.String(),
          params: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type InsightSignal = Static<typeof InsightSignal>;

export const InsightUnderSupport = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    items: Type.Array(
      Type.Object(
        { key: UnderSupportKeySchema, count: Type.Integer({ minimum: 0 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type InsightUnderSupport = Static<typeof InsightUnderSupport>;

export const InsightPair = Type.Object(
  {
    principalId: Id,
    principalName: Type.String(),
    assistantId: Id,
    assistantName: Type.String(),
    status: MmiStatusSchema,
    completedTasks: Type.Integer({ minimum: 0 }),
    score: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
    band: Type.Union([MmiBandSchema, Type.Null()]),
    biggest: Type.Union([MmiSignalKeySchema, Type.Null()]),
    signals: Type.Array(InsightSignal),
    underSupport: InsightUnderSupport,
  },
  { additionalProperties: false },
);
export type InsightPair = Static<typeof InsightPair>;

export const Insights = Type.Object(
  {
    windowDays: Type.Integer(),
    generatedAt: Timestamp,
    computedFrom: Type.Literal('workflow_events'),
    pairs: Type.Array(InsightPair, { description: 'Sorted by assistant name, never by score.' }),
  },
  { additionalProperties: false },
);
export type Insights = Static<typeof Insights>;

const Series = Type.Array(Type.Union([Type.Number(), Type.Null()]));

export const InsightTrend = Type.Object(
  {
    weeks: Type.Array(Timestamp, { description: 'Monday 00:00 of each week, oldest first.' }),
    index: Series,
    signals: Type.Record(MmiSignalKeySchema, Series),
  },
  { additionalProperties: false },
);
export type InsightTrend = Static<typeof InsightTrend>;

// ── The weekly digest (issue 7): what a principal gets on Monday ─────────────────────────

export const InsightDigestParams = Type.Object({ workspaceId: Id, digestId: Id });
export type InsightDigestParams = Static<typeof InsightDigestParams>;

const Name = Type.String();

export const InsightDigestAssistant = Type.Object(
  {
    assistantId: Id,
    name: Name,
    status: MmiStatusSchema,
    completedTasks: Type.Integer({ minimum: 0 }),
    score: Type.Union([Type.Number({ minimum: 0, maximum: 100 }), Type.Null()]),
    band: Type.Union([MmiBandSchema, Type.Null()]),
    biggest: Type.Union([
      Type.Object(
        {
          key: MmiSignalKeySchema,
          value: Type.Number({ minimum: 0, maximum: 1 }),
          raw: Type.Record(Type.String(), RawValue),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    underSupportTotal: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type InsightDigestAssistant = Static<typeof InsightDigestAssistant>;

export const InsightDigestSummary = Type.Object(
  {
    week: Type.String({ pattern: '^\\d{4}-W\\d{2}$', description: "ISO week in the principal's zone." }),
    generatedAt: Timestamp,
    windowDays: Type.Integer(),
    assistants: Type.Array(InsightDigestAssistant, { description: 'By name, never by score.' }),
    pendingProposals: Type.Object(
      {
        count: Type.Integer({ minimum: 0 }),
        items: Type.Array(
          Type.Object(
            {
              id: Id,
              memberId: Id,
              memberName: Name,
              areaId: Id,
              areaName: Name,
              fromLevel: Type.Integer(),
              toLevel: Type.Integer(),
              createdAt: Timestamp,
            },
            { additionalProperties: false },
          ),
          { maxItems: 5, description: 'The oldest first.' },
        ),
      },
      { additionalProperties: false },
    ),
    episodesEnding: Type.Array(
      Type.Object(
        { id: Id, memberId: Id, memberName: Name, areaId: Id, areaName: Name, plannedEndAt: Timestamp },
        { additionalProperties: false },
      ),
      { description: 'Support episodes planned to end within 7 days, soonest first.' },
    ),
    questionsWaiting: Type.Object(
      {
        count: Type.Integer({ minimum: 0 }),
        items: Type.Array(
          Type.Object(
            { id: Id, excerpt: Type.String(), waitingHours: Type.Integer({ minimum: 0 }) },
            { additionalProperties: false },
          ),
          { maxItems: 5, description: 'The longest waiting first.' },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type InsightDigestSummary = Static<typeof InsightDigestSummary>;

export const InsightDigest = Type.Object(
  { id: Id, week: Type.String(), createdAt: Timestamp, summary: InsightDigestSummary },
  { additionalProperties: false },
);
export type InsightDigest = Static<typeof InsightDigest>;

export const InsightDigestList = Type.Object(
  {
    items: Type.Array(
      Type.Object({ id: Id, week: Type.String(), createdAt: Timestamp }, { additionalProperties: false }),
      { description: "The principal's last 8 digests, newest first." },
    ),
  },
  { additionalProperties: false },
);
export type InsightDigestList = Static<typeof InsightDigestList>;
