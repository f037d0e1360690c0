import { handle } from 'hono/aws-lambda';
import { app } from '../app.js';

/** The API Lambda: the whole Hono app behind the HTTP API (payload format 2.0). */
export const handler = handle(app);
