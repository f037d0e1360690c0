import { env } from './env.js';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof levels, 'silent'>;

/** An e-mail address, also percent-encoded as it appears in a path (`/api/users/a%40b.org/role`). */
const EMAIL = /[\w.!#$&'*+=?^`{|}~-]+(?:@|%40)[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
/** A personal link's token (`?i=...`) or a submitted `invitation` field, in a URL or in JSON. */
const TOKEN = /([?&]i=|\\?"invitation\\?"\s*:\s*\\?")[\w-]+/g;
/** A bearer token or a JWT wherever it appears. */
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;

/**
 * What a log line may not carry: e-mail addresses (personal data) and secrets (invitation tokens,
 * access tokens) are replaced, wherever in the line they appear (paths, error messages, fields).
 */
export function scrub(line: string): string {
  return line.replace(EMAIL, '<email>').replace(TOKEN, '$1<token>').replace(JWT, '<jwt>');
}

function write(level: Level, msg: string, fields: Record<string, unknown>): void {
  if (levels[level] < levels[env().LOG_LEVEL]) return;
  // One JSON object per line: CloudWatch Logs Insights and `jq` read it as is.
  const line = scrub(JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }));
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

/** Structured JSON logging; pass the request id in `fields` so lines can be correlated. */
export const log = {
  debug: (msg: string, fields: Record<string, unknown> = {}) => write('debug', msg, fields),
  info: (msg: string, fields: Record<string, unknown> = {}) => write('info', msg, fields),
  warn: (msg: string, fields: Record<string, unknown> = {}) => write('warn', msg, fields),
  error: (msg: string, fields: Record<string, unknown> = {}) => write('error', msg, fields),
};
