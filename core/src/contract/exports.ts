import Type, { type Static } from 'typebox';
import { limits } from '../limits.ts';
import { Id, LocaleSchema, RoleSchema, Timestamp } from './common.ts';

/**
 * Data export and workspace deletion (DESIGN §12). Every object here is closed
 * (`additionalProperties: false`): the response serialiser drops any field a query let
 * through, so no password hash or token can ride along in a personal export.
 */

const NullableId = Type.Union([Id, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const closed = { additionalProperties: false } as const;

/** Someone named in the export for context: a name, nothing else of theirs. */
const ExportPerson = Type.Object({ id: Id, name: Type.String() }, closed);
const ExportArea = Type.Object({ id: Id, name: Type.String() }, closed);

const ExportTask = Type.Object(
  {
    id: Id,
    title: Type.String(),
    description: Type.String(),
    state: Type.String(),
    priority: Type.String(),
    areaId: NullableId,
    assigneeId: NullableId,
    creatorId: Id,
    labels: Type.Array(Type.String()),
    blocked: Type.Boolean(),
    blockedReason: Type.String(),
    dueAt: NullableTimestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    completedAt: NullableTimestamp,
    checklist: Type.Array(
      Type.Object({ text: Type.String(), done: Type.Boolean(), position: Type.Number() }, closed),
    ),
  },
  closed,
);

const ExportComment = Type.Object(
  { id: Id, taskId: Id, body: Type.String(), createdAt: Timestamp, editedAt: NullableTimestamp },
  closed,
);

const ExportCheckIn = Type.Object(
  {
    week: Type.String(),
    done: Type.String(),
    planned: Type.String(),
    blockers: Type.String(),
    autonomy: Type.Number(),
    discuss: Type.Boolean(),
    submittedAt: Timestamp,
    updatedAt: Timestamp,
  },
  closed,
);

const ExportQuestion = Type.Object(
  {
    id: Id,
    taskId: NullableId,
    askerId: NullableId,
    addresseeId: NullableId,
    body: Type.String(),
    answer: NullableString,
    answeredBy: NullableId,
    answeredAt: NullableTimestamp,
    createdAt: Timestamp,
  },
  closed,
);

const ExportLesson = Type.Object(
  {
    id: Id,
    title: Type.String(),
    whatHappened: Type.String(),
    impact: Type.String(),
    severity: Type.Number(),
    wentWell: Type.String(),
    learned: Type.String(),
    taskId: NullableId,
    areaId: NullableId,
    factors: Type.Array(Type.Object({ kind: Type.String(), text: Type.String() }, closed)),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  closed,
);

const ExportAcknowledgement = Type.Object(
  { sopId: Id, sopTitle: Type.String(), versionNumber: Type.Number(), acknowledgedAt: Timestamp },
  closed,
);

const ExportGrant = Type.Object(
  { areaId: Id, level: Type.Number(), since: Timestamp, grantedBy: NullableId, reason: Type.String() },
  closed,
);

const ExportLevelChange = Type.Object(
  {
    areaId: Id,
    fromLevel: Type.Number(),
    toLevel: Type.Number(),
    kind: Type.String(),
    evidence: Type.Unknown(),
    decidedBy: NullableId,
    reason: Type.String(),
    createdAt: Timestamp,
  },
  closed,
);

const ExportProposal = Type.Object(
  {
    areaId: Id,
    fromLevel: Type.Number(),
    toLevel: Type.Number(),
    kind: Type.String(),
    status: Type.String(),
    evidence: Type.Unknown(),
    note: Type.String(),
    decidedBy: NullableId,
    decisionReason: NullableString,
    createdAt: Timestamp,
    decidedAt: NullableTimestamp,
  },
  closed,
);

const ExportReview = Type.Object(
  {
    taskId: Id,
    areaId: NullableId,
    reviewerId: NullableId,
    phase: Type.String(),
    outcome: Type.String(),
    tags: Type.Array(Type.String()),
    note: Type.String(),
    submittedAt: Timestamp,
    decidedAt: Timestamp,
  },
  closed,
);

/** One workspace's part of a personal export: what the person wrote, is assigned, or is judged by. */
export const PersonalWorkspaceExport = Type.Object(
  {
    id: Id,
    name: Type.String(),
    role: RoleSchema,
    joinedAt: Timestamp,
    people: Type.Array(ExportPerson, { description: 'Names of the people the rows below refer to.' }),
    areas: Type.Array(ExportArea, { description: 'Names of the areas the rows refer to that I may see.' }),
    tasks: Type.Array(ExportTask, { description: 'Tasks I created or am assigned, with their checklists.' }),
    comments: Type.Array(ExportComment),
    checkIns: Type.Array(ExportCheckIn),
    questions: Type.Array(ExportQuestion, { description: 'Questions I asked or answered.' }),
    lessons: Type.Array(ExportLesson, { description: 'Lessons I wrote.' }),
    acknowledgements: Type.Array(ExportAcknowledgement),
    autonomyGrants: Type.Array(ExportGrant),
    levelChanges: Type.Array(ExportLevelChange),
    proposals: Type.Array(ExportProposal),
    reviews: Type.Array(ExportReview, { description: 'Reviews of my work.' }),
  },
  closed,
);
export type PersonalWorkspaceExport = Static<typeof PersonalWorkspaceExport>;

/** `GET /api/v1/me/export`: my own data across every workspace I belong to. */
export const PersonalExport = Type.Object(
  {
    format: Type.Literal('leeway-personal-export'),
    version: Type.Literal(1),
    exportedAt: Timestamp,
    account: Type.Object(
      {
        id: Id,
        email: Type.String(),
        name: Type.String(),
        locale: LocaleSchema,
        timeZone: Type.String(),
        createdAt: Timestamp,
      },
      closed,
    ),
    notificationPreferences: Type.Array(Type.Object({ kind: Type.String(), mode: Type.String() }, closed)),
    workspaces: Type.Array(PersonalWorkspaceExport),
  },
  closed,
);
export type PersonalExport = Static<typeof PersonalExport>;

/** A table's rows as stored, minus secrets (token hashes, storage keys). */
const ExportRow = Type.Record(Type.String(), Type.Unknown());

/** `GET /api/v1/workspaces/{id}/export`: every row of the workspace, for an owner. */
export const WorkspaceExport = Type.Object(
  {
    format: Type.Literal('leeway-workspace-export'),
    version: Type.Literal(1),
    exportedAt: Timestamp,
    workspace: Type.Object(
      { id: Id, name: Type.String(), createdAt: Timestamp, updatedAt: Timestamp },
      closed,
    ),
    members: Type.Array(
      Type.Object(
        { id: Id, name: Type.String(), email: Type.String(), role: RoleSchema, joinedAt: Timestamp },
        closed,
      ),
    ),
    tables: Type.Record(Type.String(), Type.Array(ExportRow), {
      description:
        'Every workspace table by name, rows as stored (snake_case, JSON columns as text, booleans as 0/1). ' +
        'Attachments are listed with their metadata; the files themselves are not included.',
    }),
  },
  closed,
);
export type WorkspaceExport = Static<typeof WorkspaceExport>;

/** Deleting a workspace: its exact name, typed by hand, so a slip cannot delete the wrong one. */
export const DeleteWorkspaceBody = Type.Object({
  confirmName: Type.String({ minLength: 1, maxLength: limits.workspaceNameMax }),
});
export type DeleteWorkspaceBody = Static<typeof DeleteWorkspaceBody>;
