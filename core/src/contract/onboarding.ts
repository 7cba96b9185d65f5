import Type, { type Static } from 'typebox';
import { onboardingItemKinds, onboardingLimits } from '../sops/onboarding.ts';
import { Id, literalUnion, Timestamp } from './common.ts';

/**
 * The HTTP contract of onboarding plans (DESIGN §6, issue 5). The charter's meaning (exactly
 * three outcomes, required fields) is checked by core's `checkCharter` in the service.
 */

const NullableId = Type.Union([Id, Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const DateOnly = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'A calendar date, YYYY-MM-DD.',
});

export const OnboardingItemKindSchema = literalUnion(onboardingItemKinds);
export const onboardingPlanStatuses = ['active', 'completed', 'cancelled'] as const;
export type OnboardingPlanStatus = (typeof onboardingPlanStatuses)[number];

export const CharterSchema = Type.Object(
  {
    outcomes: Type.Array(Type.String({ maxLength: onboardingLimits.outcomeMax }), { maxItems: 10 }),
    workingHours: Type.String({ maxLength: onboardingLimits.workingHoursMax }),
    responseTimes: Type.String({ maxLength: onboardingLimits.responseTimesMax }),
    authorityNotes: Type.String({ maxLength: onboardingLimits.authorityNotesMax }),
  },
  { additionalProperties: false },
);
export type CharterBody = Static<typeof CharterSchema>;

const AccessSchema = Type.Object(
  {
    system: Type.String({ minLength: 1, maxLength: 200 }),
    leastPrivilege: Type.String({ minLength: 1, maxLength: 300 }),
  },
  { additionalProperties: false },
);

export const OnboardingItem = Type.Object(
  {
    id: Id,
    kind: OnboardingItemKindSchema,
    title: Type.String(),
    dueDay: Type.Integer(),
    /** The start date plus `dueDay`. */
    dueOn: DateOnly,
    /** Access items: the system and the least privilege needed; never a password. */
    access: Type.Union([AccessSchema, Type.Null()]),
    /** acknowledge_sop: the SOP whose acknowledgement ticks it (null: every published SOP of the plan's areas). */
    sopId: NullableId,
    sopTitle: Type.Union([Type.String(), Type.Null()]),
    /** first_task: the task whose completion ticks it (null: the assistant's next finished task in the plan's areas). */
    taskId: NullableId,
    taskTitle: Type.Union([Type.String(), Type.Null()]),
    doneAt: NullableTimestamp,
    doneBy: NullableId,
    /** 'auto': an acknowledgement or a finished task ticked it. */
    doneHow: Type.Union([literalUnion(['auto', 'manual'] as const), Type.Null()]),
    overdue: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type OnboardingItem = Static<typeof OnboardingItem>;

export const OnboardingPlanSummary = Type.Object(
  {
    id: Id,
    assistantId: Id,
    assistantName: Type.String(),
    title: Type.String(),
    templateKey: Type.String(),
    startsOn: DateOnly,
    areaIds: Type.Array(Id),
    status: literalUnion(onboardingPlanStatuses),
    itemsDone: Type.Integer(),
    itemsTotal: Type.Integer(),
    itemsOverdue: Type.Integer(),
    version: Type.Integer(),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type OnboardingPlanSummary = Static<typeof OnboardingPlanSummary>;

export const OnboardingPlan = Type.Object(
  {
    ...OnboardingPlanSummary.properties,
    charter: CharterSchema,
    items: Type.Array(OnboardingItem),
    /** The support episodes the plan started (reason onboarding). */
    episodeIds: Type.Array(Id),
    /** Shown beside access items, in the caller's language. */
    passwordNote: Type.String(),
  },
  { additionalProperties: false },
);
export type OnboardingPlan = Static<typeof OnboardingPlan>;

export const OnboardingTemplateItemSchema = Type.Object(
  {
    kind: OnboardingItemKindSchema,
    title: Type.String({ minLength: 1, maxLength: onboardingLimits.itemTitleMax, pattern: '\\S' }),
    dueDay: Type.Integer({ minimum: 0, maximum: onboardingLimits.maxDueDay }),
    access: Type.Optional(Type.Union([AccessSchema, Type.Null()])),
  },
  { additionalProperties: false },
);

/** A template in one language: the built-in one translated to the caller's, or a workspace's own. */
export const OnboardingTemplateView = Type.Object(
  {
    /** 'first_30_days' for the built-in template, else the workspace template's id. */
    key: Type.String(),
    builtIn: Type.Boolean(),
    name: Type.String(),
    charter: CharterSchema,
    items: Type.Array(
      Type.Object(
        {
          kind: OnboardingItemKindSchema,
          title: Type.String(),
          dueDay: Type.Integer(),
          access: Type.Union([AccessSchema, Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type OnboardingTemplateView = Static<typeof OnboardingTemplateView>;

export const CreateOnboardingTemplateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  charter: CharterSchema,
  items: Type.Array(OnboardingTemplateItemSchema, { minItems: 1, maxItems: 100 }),
});
export type CreateOnboardingTemplateBody = Static<typeof CreateOnboardingTemplateBody>;

/** `templateKey`: 'first_30_days' or a workspace template's id. `charter` overrides the template's. */
export const StartOnboardingPlanBody = Type.Object({
  assistantId: Id,
  templateKey: Type.String({ minLength: 1, maxLength: 64 }),
  startsOn: DateOnly,
  /** The language of the built-in template's texts; default: the assistant's. */
  locale: Type.Optional(literalUnion(['en', 'de'] as const)),
  areaIds: Type.Array(Id, { maxItems: 50 }),
  charter: Type.Optional(CharterSchema),
  /** Link acknowledge_sop items to these SOPs (one item per SOP replaces the generic one). */
  sopIds: Type.Optional(Type.Array(Id, { maxItems: 50 })),
});
export type StartOnboardingPlanBody = Static<typeof StartOnboardingPlanBody>;

export const UpdateOnboardingPlanBody = Type.Object({
  version: Type.Integer(),
  charter: Type.Optional(CharterSchema),
  status: Type.Optional(literalUnion(onboardingPlanStatuses)),
});
export type UpdateOnboardingPlanBody = Static<typeof UpdateOnboardingPlanBody>;

export const AddOnboardingItemBody = Type.Object({
  kind: OnboardingItemKindSchema,
  title: Type.String({ minLength: 1, maxLength: onboardingLimits.itemTitleMax, pattern: '\\S' }),
  dueDay: Type.Integer({ minimum: 0, maximum: onboardingLimits.maxDueDay }),
  access: Type.Optional(Type.Union([AccessSchema, Type.Null()])),
  sopId: Type.Optional(Type.Union([Id, Type.Null()])),
  taskId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type AddOnboardingItemBody = Static<typeof AddOnboardingItemBody>;

/** Tick or untick by hand, or link the item to an SOP or a task. */
export const UpdateOnboardingItemBody = Type.Object({
  done: Type.Optional(Type.Boolean()),
  title: Type.Optional(
    Type.String({ minLength: 1, maxLength: onboardingLimits.itemTitleMax, pattern: '\\S' }),
  ),
  dueDay: Type.Optional(Type.Integer({ minimum: 0, maximum: onboardingLimits.maxDueDay })),
  sopId: Type.Optional(Type.Union([Id, Type.Null()])),
  taskId: Type.Optional(Type.Union([Id, Type.Null()])),
});
export type UpdateOnboardingItemBody = Static<typeof UpdateOnboardingItemBody>;

export const OnboardingPlanParams = Type.Object({ workspaceId: Id, planId: Id });
export const OnboardingItemParams = Type.Object({ workspaceId: Id, planId: Id, itemId: Id });
export const OnboardingTemplateParams = Type.Object({ workspaceId: Id, templateId: Id });
export const OnboardingPlanListQuery = Type.Object({
  assistantId: Type.Optional(Id),
  status: Type.Optional(literalUnion(onboardingPlanStatuses)),
});
export type OnboardingPlanListQuery = Static<typeof OnboardingPlanListQuery>;
export const OnboardingTemplateListQuery = Type.Object({
  locale: Type.Optional(literalUnion(['en', 'de'] as const)),
});
export type OnboardingTemplateListQuery = Static<typeof OnboardingTemplateListQuery>;
