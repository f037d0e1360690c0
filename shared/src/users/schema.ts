import * as z from 'zod/mini';
import { ROLES } from './rules.js';

/** The roles a signed-in user can hold (users/rules.ts). */
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** What a route needs: `public` needs nothing, `signed_in` any valid token, a role that role. */
export const Access = z.enum(['public', 'signed_in', 'evaluator', 'admin']);
export type Access = z.infer<typeof Access>;

export const Email = z.pipe(
  z.email().check(z.maxLength(254)),
  z.transform((s) => s.toLowerCase()),
);

export const Invitation = z.object({
  email: Email,
  role: Role,
});
export type Invitation = z.infer<typeof Invitation>;

/** The new role; null removes every role (the account stays, but can use nothing but sign-in). */
export const RoleChange = z.object({ role: z.nullable(Role) });
export type RoleChange = z.infer<typeof RoleChange>;

export const User = z.object({
  email: z.string(),
  role: z.nullable(Role),
  status: z.string(),
  enabled: z.boolean(),
  createdAt: z.nullable(z.string()),
});
export type User = z.infer<typeof User>;

export const Me = z.object({ email: z.string(), roles: z.array(Role) });
export type Me = z.infer<typeof Me>;
