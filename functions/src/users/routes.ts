import * as z from 'zod/mini';
import { Invitation, Me, RoleChange, User } from '../../../shared/src/users/schema.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { env } from '../lib/env.js';
import { sendMail } from '../lib/mail.js';
import { defineRoute } from '../lib/route.js';
import * as directory from './directory.js';

const EmailParam = z.object({ email: z.string().check(z.minLength(3), z.maxLength(254)) });

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const users = new ApiRoutes<{ Variables: AuthVariables }>();

users
  .openapi(
    defineRoute('signed_in', {
      method: 'get',
      path: '/me',
      tags: ['Users'],
      summary: 'Who am I',
      responses: { 200: { description: 'The signed-in user', content: json(Me) } },
    }),
    async (c) => {
      const p = c.get('principal');
      if (!p) throw new Error('principal missing after the access check');
      return c.json({ email: await directory.emailByUsername(p.username), roles: p.roles }, 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'get',
      path: '/users',
      tags: ['Users'],
      summary: 'List users and their roles',
      responses: { 200: { description: 'Users', content: json(z.array(User)) } },
    }),
    async (c) => c.json(await directory.listUsers(), 200),
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/users',
      tags: ['Users'],
      summary: 'Invite a user with a role',
      description: 'Creates the account and e-mails a temporary password to change at first sign-in.',
      request: { body: { content: json(Invitation), required: true } },
      responses: {
        201: { description: 'Invited', content: json(z.object({ email: z.string() })) },
        409: { description: 'The e-mail already has an account' },
      },
    }),
    async (c) => {
      const { email, role } = c.req.valid('json');
      const { password } = await directory.createUser(email, role);
      const link = `${env().PUBLIC_BASE_URL}/signin?email=${encodeURIComponent(email)}`;
      await sendMail({
        to: email,
        subject: 'You are invited to the results and learning tool',
        text: [
          `You have been given the ${role} role in the results and learning tool.`,
          '',
          `Sign in at ${link}`,
          `with your e-mail address and this temporary password: ${password}`,
          '',
          'You will be asked to choose your own password.',
        ].join('\n'),
      });
      return c.json({ email }, 201);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/users/{email}/role',
      tags: ['Users'],
      summary: "Set a user's role",
      request: { params: EmailParam, body: { content: json(RoleChange), required: true } },
      responses: {
        204: { description: 'Role set' },
        404: { description: 'No such user' },
      },
    }),
    async (c) => {
      const { email } = c.req.valid('param');
      const { role } = c.req.valid('json');
      await directory.setRole(email.toLowerCase(), role);
      return c.body(null, 204);
    },
  );
