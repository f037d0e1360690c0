import { streamHandle } from 'hono/aws-lambda';
import { exportsApp } from '../exports-app.js';

/**
 * The export Lambda: `/api/exports/*` behind a function URL in RESPONSE_STREAM mode (CloudFront
 * in front, infra/lib/exports.ts). Each file leaves as it is written, a page of responses at a
 * time: no 6 MB payload limit, no whole file in memory, and the first bytes arrive at once.
 */
export const handler = streamHandle(exportsApp);
