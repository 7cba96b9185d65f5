/** Roles a member holds in a workspace (DESIGN §1). */
export const Role = { owner: 'owner', assistant: 'assistant' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export const roles = Object.values(Role);

/**
 * Who may call a route. Every route declares one; the server enforces it in one hook and the
 * authorization-matrix test reads it from the OpenAPI document.
 * - public: anyone, no session
 * - user: any signed-in person
 * - member: a member of the workspace named in the URL
 * - owner: an owner of the workspace named in the URL
 */
export const Access = { public: 'public', user: 'user', member: 'member', owner: 'owner' } as const;
export type Access = (typeof Access)[keyof typeof Access];

/**
 * Whose rows a `member` or `owner` route addresses, finer than `Access`: required on every
 * such route, published in OpenAPI, and checked for every actor by the authorization matrix.
 * - workspace: the workspace itself, a workspace-wide row, or a list filtered to what the
 *   caller may see; any member reaches it
 * - area: a row of an area or of its people (task, SOP, meeting, plan, …): owners and the
 *   row's people only; anyone else gets 404, as if it did not exist
 * - self: the caller's own rows (notifications, check-ins, calendar feed); another person's
 *   row is 404
 * - principal: owners only; assistants get 404, as if nothing were there (insights)
 */
export const RowScope = {
  workspace: 'workspace',
  area: 'area',
  self: 'self',
  principal: 'principal',
} as const;
export type RowScope = (typeof RowScope)[keyof typeof RowScope];

/** Removing or demoting this member must leave at least one owner behind. */
export function wouldLeaveNoOwner(owners: number, target: { role: Role }, nextRole: Role | null): boolean {
  return target.role === 'owner' && nextRole !== 'owner' && owners <= 1;
}
