import type { TaskEvent } from '@leeway/core';

/** Fields whose change the history shows (dueTimeZone travels with dueAt; position is noise). */
export const historyFields = [
  'title',
  'description',
  'state',
  'blocked',
  'blockedReason',
  'areaId',
  'assigneeId',
  'dueAt',
  'priority',
  'labels',
  'recurrence',
] as const;
export type HistoryField = (typeof historyFields)[number];

/** Events that say one thing about one object (a checklist item, a file, a comment). */
export const simpleHistoryKinds = [
  'created',
  'commented',
  'comment_edited',
  'comment_deleted',
  'checklist_added',
  'checklist_checked',
  'checklist_unchecked',
  'checklist_edited',
  'checklist_removed',
  'checklist_reordered',
  'attachment_added',
  'attachment_removed',
  'followed',
  'unfollowed',
  'recurred',
  'reordered',
  'sop_pinned',
  'question_asked',
  'question_answered',
  'question_reopened',
  'question_deleted',
  'nudged',
] as const;
export type SimpleHistoryKind = (typeof simpleHistoryKinds)[number];

export type HistoryEntry =
  | { type: 'changed'; field: HistoryField; from: unknown; to: unknown }
  | { type: SimpleHistoryKind; text: string }
  | { type: 'other'; kind: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isHistoryField(field: string): field is HistoryField {
  return (historyFields as readonly string[]).includes(field);
}

function isSimpleKind(kind: string): kind is SimpleHistoryKind {
  return (simpleHistoryKinds as readonly string[]).includes(kind);
}

/**
 * What one history event says, as lines to show. `updated` and `moved` carry
 * `{ changes: { field: { from, to } } }`; other kinds carry the text they are about.
 * Unknown kinds (added by a later version of the server) still show up, by name.
 */
export function historyEntries(event: TaskEvent): HistoryEntry[] {
  const data = event.data;
  if (event.kind === 'updated' || event.kind === 'moved') {
    const changes = isObject(data.changes) ? data.changes : {};
    const entries: HistoryEntry[] = [];
    for (const [field, change] of Object.entries(changes)) {
      if (!isHistoryField(field) || !isObject(change)) continue;
      entries.push({ type: 'changed', field, from: change.from ?? null, to: change.to ?? null });
    }
    // A move within a column changes only the position.
    if (entries.length === 0 && event.kind === 'moved') return [{ type: 'reordered', text: '' }];
    return entries;
  }
  if (isSimpleKind(event.kind)) {
    const text =
      event.kind === 'created'
        ? str(data.title)
        : event.kind === 'checklist_edited'
          ? str(data.to)
          : event.kind === 'sop_pinned'
            ? str(data.title)
            : str(data.text) || str(data.fileName);
    return [{ type: event.kind, text }];
  }
  return [{ type: 'other', kind: event.kind }];
}
