import Type, { type Static } from 'typebox';

export const Health = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    version: Type.String(),
    database: Type.Optional(Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')])),
  },
  { additionalProperties: false },
);
export type Health = Static<typeof Health>;
