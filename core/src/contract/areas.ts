import Type, { type Static } from 'typebox';
import { areaLimits, riskClasses } from '../limits.ts';
import { Id, literalUnion, Timestamp } from './common.ts';

export const RiskClassSchema = literalUnion(riskClasses);

const AreaName = Type.String({ minLength: 1, maxLength: areaLimits.nameMax, pattern: '\\S' });
const Guardrails = Type.Array(
  Type.String({ minLength: 1, maxLength: areaLimits.guardrailMax, pattern: '\\S' }),
  {
    maxItems: areaLimits.guardrailsMax,
  },
);

/** An area of responsibility (DESIGN §3): one accountable owner, an optional backup. */
export const Area = Type.Object(
  {
    id: Id,
    name: Type.String(),
    description: Type.String(),
    ownerId: Id,
    backupId: Type.Union([Id, Type.Null()]),
    riskClass: RiskClassSchema,
    guardrails: Type.Array(Type.String()),
    maxLevel: Type.Integer({ minimum: 1, maximum: 5 }),
    /** Contributors: members who work in the area besides owner and backup. */
    memberIds: Type.Array(Id),
    archivedAt: Type.Union([Timestamp, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);
export type Area = Static<typeof Area>;

export const CreateAreaBody = Type.Object({
  name: AreaName,
  description: Type.Optional(Type.String({ maxLength: areaLimits.descriptionMax })),
  ownerId: Id,
  backupId: Type.Optional(Type.Union([Id, Type.Null()])),
  riskClass: Type.Optional(RiskClassSchema),
  guardrails: Type.Optional(Guardrails),
  maxLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  memberIds: Type.Optional(Type.Array(Id, { maxItems: areaLimits.membersMax })),
});
export type CreateAreaBody = Static<typeof CreateAreaBody>;

export const UpdateAreaBody = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  name: Type.Optional(AreaName),
  description: Type.Optional(Type.String({ maxLength: areaLimits.descriptionMax })),
  ownerId: Type.Optional(Id),
  backupId: Type.Optional(Type.Union([Id, Type.Null()])),
  riskClass: Type.Optional(RiskClassSchema),
  guardrails: Type.Optional(Guardrails),
  maxLevel: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  memberIds: Type.Optional(Type.Array(Id, { maxItems: areaLimits.membersMax })),
});
export type UpdateAreaBody = Static<typeof UpdateAreaBody>;

export const AreaParams = Type.Object({ workspaceId: Id, areaId: Id });
export const AreaListQuery = Type.Object({
  includeArchived: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
});
