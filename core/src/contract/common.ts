import Type, { type Static, type TLiteral, type TUnion } from 'typebox';
import { limits } from '../limits.ts';

/** Ids are opaque strings (UUIDs); the pattern keeps junk out before any query runs. */
export const Id = Type.String({ pattern: '^[0-9a-fA-F-]{36}$', description: 'A UUID.' });
export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' });

/**
 * A union of string literals built from a values list, typed as the union of those values.
 * (`Type.Union(values.map(Type.Literal))` validates the same but its static type is `never`,
 * because `map` returns an array, not a tuple.)
 */
export function literalUnion<const T extends readonly string[]>(
  values: T,
): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  return Type.Union(values.map((v) => Type.Literal(v))) as never;
}

export const LocaleSchema = Type.Union([Type.Literal('en'), Type.Literal('de')]);
export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('assistant')]);

/** The single error body every failing request returns. */
export const ErrorBody = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export type ErrorBody = Static<typeof ErrorBody>;

export const WorkspaceParams = Type.Object({ workspaceId: Id });

/** Limits shared by the server's schemas and the web client's inline validation. */

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: limits.emailMax });
export const Password = Type.String({ minLength: limits.passwordMin, maxLength: limits.passwordMax });
export const PersonName = Type.String({ minLength: 1, maxLength: limits.nameMax, pattern: '\\S' });
export const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone.' });
