import { handle } from 'hono/aws-lambda';
import { publicApp } from '../public-app.js';

/** The participants' Lambda: `/api/public/*` behind the HTTP API (payload format 2.0). */
export const handler = handle(publicApp);
