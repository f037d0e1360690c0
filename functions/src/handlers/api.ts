import { handle } from 'hono/aws-lambda';
import { Hono } from 'hono';

// Placeholder replaced by the real app in the foundation work.
const app = new Hono().get('/api/health', (c) => c.json({ status: 'ok' }));
export const handler = handle(app);
