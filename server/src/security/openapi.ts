import type { Access, RowScope } from '@leeway/core';
import type { App } from '../http.ts';

/**
 * The OpenAPI document read as data: every operation with its declarations, path parameters
 * and request schemas, so the security tests cover each route without listing them by hand.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  minProperties?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form: `/api/v1/workspaces/{workspaceId}/tasks`. */
  path: string;
  id: string;
  access: Access | undefined;
  rows: RowScope | undefined;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  requiredQuery: string[];
  body: JsonSchema | undefined;
  /** True when the body is multipart (uploads), not JSON. */
  multipart: boolean;
  statuses: number[];
}

interface OpenApiParameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  'x-access'?: Access;
  'x-rows'?: RowScope;
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, unknown>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operations(app: App): Operation[] {
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOperation>> };
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      out.push({
        method: m.toUpperCase() as Operation['method'],
        path,
        id: `${m.toUpperCase()} ${path}`,
        access: op['x-access'],
        rows: op['x-rows'],
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(
          params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}] as const),
        ),
        requiredQuery: params.filter((p) => p.in === 'query' && p.required).map((p) => p.name),
        body: content['application/json']?.schema,
        multipart: path.endsWith('/attachments') && m === 'post',
        statuses: Object.keys(op.responses ?? {}).map(Number),
      });
    }
  }
  return out;
}

/**
 * The id for `{param}` in `path`. A key naming a piece of the path (`onboarding-templates/
 * {templateId}`, or `tasks/{taskId}/approve$` anchored at the end) wins over the bare name:
 * one name can mean two kinds of row, and some operations need a row in another state.
 */
export function paramValue(path: string, name: string, params: Record<string, string>): string | undefined {
  const specific = Object.keys(params).find((k) => {
    if (!k.includes('/') || !(k.endsWith(`{${name}}`) || k.endsWith(`{${name}}$`))) return false;
    return k.endsWith('$') ? path.endsWith(k.slice(0, -1)) : path.includes(k);
  });
  return specific ? params[specific] : params[name];
}

export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = paramValue(path, name, params);
    if (value === undefined) throw new Error(`no seeded id for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}

const NOW = '2026-01-05T09:00:00.000Z';

/** Seeded ids for body fields by name: `areaId` → area X, `assigneeId` → the insider, … */
export type IdsByField = Record<string, string>;

function firstVariant(schema: JsonSchema): JsonSchema {
  const variants = schema.anyOf ?? schema.oneOf;
  if (!variants) return schema;
  return variants.find((v) => v.type !== 'null') ?? variants[0] ?? {};
}

/**
 * The smallest value a schema accepts: required properties only, ids taken from `ids` by field
 * name (plurals `xIds` get a one-element list), the lowest number, the first enum member.
 */
export function minimalValue(schema: JsonSchema, ids: IdsByField, field = ''): unknown {
  const s = firstVariant(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined && s.type !== 'object') return s.default;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = minimalValue(s.properties?.[key] ?? {}, ids, key);
      // A patch needs at least one field: take the first optional ones.
      for (const key of Object.keys(s.properties ?? {})) {
        if (Object.keys(out).length >= (s.minProperties ?? 0)) break;
        if (!(key in out) && key !== 'version') out[key] = minimalValue(s.properties?.[key] ?? {}, ids, key);
      }
      return out;
    }
    case 'array': {
      const id = ids[field] ?? ids[field.replace(/Ids$/, 'Id')];
      if (id && field.endsWith('Ids')) return [id];
      const n = s.minItems ?? 0;
      return Array.from({ length: n }, () => minimalValue(s.items ?? {}, ids, field));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'string': {
      if (ids[field]) return ids[field];
      if (s.format === 'date-time') return NOW;
      if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return NOW.slice(0, 10);
      if (s.pattern?.includes('0-9a-fA-F-')) return '00000000-0000-4000-8000-000000000000';
      if (s.pattern?.startsWith('^[1-9]') || s.pattern?.startsWith('^\\d+')) return '1';
      if (s.pattern?.includes('\\d{2}:\\d{2}') || field === 'time') return '09:00';
      if (field === 'timeZone') return 'Europe/Berlin';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    }
    default:
      return null;
  }
}
