import type { Access, Role } from './schema.js';

/** The roles a signed-in user can hold; they are the Cognito groups of the same name. */
export const ROLES = ['admin', 'evaluator'] as const;

/** Whether a Cognito group is one of the roles (plain code: every staff request checks it). */
export const isRole = (group: unknown): group is Role => (ROLES as readonly unknown[]).includes(group);

/**
 * Whether a user holding `roles` may use a route that needs `access`.
 * Administrators can do everything evaluators can: `allows('evaluator', ['admin'])` is true.
 */
export function allows(access: Access, roles: readonly Role[]): boolean {
  switch (access) {
    case 'public':
    case 'signed_in':
      return true;
    case 'evaluator':
      return roles.includes('evaluator') || roles.includes('admin');
    case 'admin':
      return roles.includes('admin');
  }
}

/** The single role shown for a user with these groups (admin wins), or null for none. */
export function primaryRole(groups: readonly string[]): Role | null {
  if (groups.includes('admin')) return 'admin';
  if (groups.includes('evaluator')) return 'evaluator';
  return null;
}
