import type { Priority } from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

// INTERFACE STUB — the templates helper implements this body (and the routes); the tasks
// service calls templateFields when a task is created with `templateId`.

export interface TemplateFields {
  title: string;
  description: string;
  areaId: string | null;
  labels: string[];
  checklist: string[];
  priority: Priority;
}

/** The fields a template gives a new task, or undefined when the id is not a template of this workspace. */
export async function templateFields(
  _db: Kysely<Database> | Transaction<Database>,
  _workspaceId: string,
  _templateId: string,
): Promise<TemplateFields | undefined> {
  return undefined;
}
