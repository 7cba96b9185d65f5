import fc from 'fast-check';
import type { JsonSchema } from './openapi.ts';

/**
 * fast-check arbitraries generated from a route's JSON schema: values the schema accepts, and
 * the mutations an attacker or a broken client sends (wrong types, missing and extra fields,
 * hostile strings and numbers, malformed ids).
 */

/** Strings that break naive code: lone surrogates, NUL, control and RTL marks, injections. */
const nastyStrings: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83dy',
  '\u202eevil',
  '\ufeff',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '"; drop table tasks; --',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '$' + '{process.exit()}',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e999',
  '0x10',
  'Infinity',
  '2026-02-30T25:61:61Z',
  '9999-12-31T23:59:59.999Z',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '----------------------------------------',
  'ÄÖÜßéè中文😀',
  '\r\nSet-Cookie: x=1',
  'BEGIN:VEVENT\r\nEND:VCALENDAR',
];

/** Malformed ids for path parameters and id fields. */
export const malformedIds: string[] = [
  'not-a-uuid',
  '1234',
  '',
  ' ',
  '..',
  '%2e%2e',
  '00000000-0000-0000-0000-00000000000z',
  `${'a'.repeat(36)}0`,
  '00000000-0000-4000-8000-000000000000',
  "' OR '1'='1",
  '\u0000',
  '😀'.repeat(9),
  'x'.repeat(2000),
  '-1',
  '1e999',
];

const huge = 'x'.repeat(100 * 1024);

export const nastyNumber = fc.constantFrom(
  -1,
  0,
  -0,
  1.5,
  -(2 ** 31),
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
);

/** Any hostile value, of any type: the "wrong type" of every field. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant(huge) },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { a: 1 }, [[[]]]) },
  { weight: 1, arbitrary: fc.array(fc.string(), { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constantFrom(...malformedIds) },
);

function variants(schema: JsonSchema): JsonSchema[] | undefined {
  return schema.anyOf ?? schema.oneOf;
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function patternArb(pattern: string, ids: string[]): fc.Arbitrary<string> {
  if (pattern.includes('0-9a-fA-F-'))
    return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
  if (pattern.includes('\\d{4}-\\d{2}-\\d{2}'))
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  try {
    return fc.stringMatching(new RegExp(pattern)).map((s) => s.slice(0, 200));
  } catch {
    return fc.string({ maxLength: 20 });
  }
}

/**
 * Values the schema accepts (as far as a schema can say: the services still check meaning).
 * `ids` are the seeded ids to draw id fields from, so valid requests reach real rows.
 */
export function validArb(schema: JsonSchema, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const alts = variants(schema);
  if (alts) return fc.oneof(...alts.map((v) => validArb(v, ids, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (typeOf(schema)) {
    case 'object': {
      const props = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) model[key] = validArb(sub, ids, depth + 1);
      const requiredKeys = (schema.required ?? []).filter((k) => k in props);
      return fc.record(model, { requiredKeys });
    }
    case 'array': {
      if (depth > 4) return fc.constant([]);
      const min = schema.minItems ?? 0;
      const max = Math.max(min, Math.min(schema.maxItems ?? 4, 4));
      const items = validArb(schema.items ?? {}, ids, depth + 1);
      return schema.uniqueItems
        ? fc.uniqueArray(items, { minLength: min, maxLength: max, selector: (v) => JSON.stringify(v) })
        : fc.array(items, { minLength: min, maxLength: max });
    }
    case 'integer': {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
      const max =
        schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
      return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (schema.pattern) return patternArb(schema.pattern, ids);
      const min = schema.minLength ?? 0;
      const max = Math.max(min, Math.min(schema.maxLength ?? 60, 60));
      return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/** One mutation of a valid value: the value a careless or hostile client sends instead. */
export function mutatedArb(schema: JsonSchema, ids: string[]): fc.Arbitrary<unknown> {
  const valid = validArb(schema, ids);
  const props = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const objectMutations: fc.Arbitrary<unknown>[] =
    typeOf(schema) === 'object' && !variants(schema)
      ? [
          // A field with the wrong type or a hostile value.
          ...(props.length > 0
            ? [
                fc
                  .tuple(valid, fc.constantFrom(...props), nastyValue)
                  .map(([v, key, bad]) => ({ ...(v as object), [key]: bad })),
              ]
            : []),
          // A required field missing.
          ...(required.length > 0
            ? [
                fc.tuple(valid, fc.constantFrom(...required)).map(([v, key]) => {
                  const copy = { ...(v as Record<string, unknown>) };
                  delete copy[key];
                  return copy;
                }),
              ]
            : []),
          // Fields nobody declared: mass assignment must change nothing.
          fc
            .tuple(
              valid,
              fc.constantFrom(
                'workspaceId',
                'role',
                'ownerId',
                'id',
                'createdAt',
                '__proto__',
                'constructor',
                'zzz',
              ),
              nastyValue,
            )
            .map(([v, key, bad]) => ({ ...(v as object), [key]: bad })),
        ]
      : [];
  return fc.oneof(
    { weight: 6, arbitrary: objectMutations.length > 0 ? fc.oneof(...objectMutations) : nastyValue },
    // The whole body replaced: an array where an object belongs, a string, a number, null.
    { weight: 2, arbitrary: nastyValue },
    { weight: 1, arbitrary: fc.array(valid, { maxLength: 2 }) },
  );
}
