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

/** Removing or demoting this member must leave at least one owner behind. */
export function wouldLeaveNoOwner(owners: number, target: { role: Role }, nextRole: Role | null): boolean {
  return target.role === 'owner' && nextRole !== 'owner' && owners <= 1;
}
