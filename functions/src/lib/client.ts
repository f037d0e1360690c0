import { isIP } from 'node:net';
import type { Context } from 'hono';
import { ProblemError } from './problem.js';

/** CloudFront's header: the viewer's address and source port, `198.51.100.10:46532` or `2001:db8::1:46532`. */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';
/** Longest valid value: a full IPv6 address (45 characters, IPv4-mapped form), a colon and a 5-digit port. */
const MAX_VIEWER_ADDRESS = 51;

/**
 * The viewer's IP address from CloudFront-Viewer-Address, without the port (which changes per
 * connection). `undefined` when the header is absent; ProblemError(400) when it is present but not an
 * address, so a forged or oversized value never reaches a key or a log line.
 */
export function viewerAddress(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  const colon = value.lastIndexOf(':');
  const ip =
    value.length <= MAX_VIEWER_ADDRESS && colon > 0 ? value.slice(0, colon).replace(/^\[|\]$/g, '') : '';
  const port = value.slice(colon + 1);
  if (!isIP(ip) || !/^\d{1,5}$/.test(port)) {
    throw new ProblemError(
      400,
      'malformed-request',
      'The CloudFront-Viewer-Address header is not an address.',
    );
  }
  return ip.toLowerCase();
}

/**
 * The caller's address, for abuse limits only (never stored with a response). In AWS only CloudFront
 * reaches the API (the execute-api endpoint is disabled or refused without CloudFront's origin
 * header) and CloudFront sets CloudFront-Viewer-Address to the address it received the request from.
 * X-Forwarded-For is never read: its first entries are whatever the client wrote. Without the header
 * (the Node server locally, a direct Lambda call) the connection's own address is used.
 */
export function clientAddress(c: Context): string {
  const viewer = viewerAddress(c.req.header(VIEWER_ADDRESS_HEADER));
  if (viewer) return viewer;
  const env = c.env as
    | {
        event?: { requestContext?: { http?: { sourceIp?: string } } };
        incoming?: { socket?: { remoteAddress?: string } };
      }
    | undefined;
  const source = env?.event?.requestContext?.http?.sourceIp ?? env?.incoming?.socket?.remoteAddress;
  return source && isIP(source) ? source : 'unknown';
}
