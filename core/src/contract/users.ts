import Type, { type Static } from 'typebox';
import { Email, Id, LocaleSchema, Password, PersonName, Timestamp, TimeZone } from './common.ts';

export const User = Type.Object(
  {
    id: Id,
    email: Type.String(),
    name: Type.String(),
    locale: LocaleSchema,
    timeZone: Type.String(),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type User = Static<typeof User>;

/** The answer of every call that starts or reports a session. */
export const SessionInfo = Type.Object(
  {
    user: Type.Union([User, Type.Null()]),
    csrfToken: Type.String(),
  },
  { additionalProperties: false },
);
export type SessionInfo = Static<typeof SessionInfo>;

export const SignupBody = Type.Object({
  email: Email,
  name: PersonName,
  password: Password,
  locale: Type.Optional(LocaleSchema),
  timeZone: Type.Optional(TimeZone),
});
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export type LoginBody = Static<typeof LoginBody>;

export const PasswordResetRequestBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }) });
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBody>;

export const PasswordResetConfirmBody = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 200 }),
  password: Password,
});
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

export const UpdateMeBody = Type.Object(
  {
    name: Type.Optional(PersonName),
    locale: Type.Optional(LocaleSchema),
    timeZone: Type.Optional(TimeZone),
  },
  { minProperties: 1 },
);
export type UpdateMeBody = Static<typeof UpdateMeBody>;

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Password,
});
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
