import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import {
  type Boundary,
  boundaryValue,
  listPaths,
  type Schema,
  unboundedFields,
  unionWidth,
} from '../support/boundary.js';
import { putActivity } from '../support/fixtures.js';

// Generated from the OpenAPI document: every operation is sent the boundary values of every field it
// declares (longest strings, largest and smallest numbers, longest lists, each branch of each union)
// and must answer 2xx or a 4xx problem+json, never 500. Whatever validation lets through, storage
// must hold.

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

const [admin] = DEMO_USERS;
let token = '';
let doc: Document;
/** Real ids for path parameters, so bodies reach storage instead of stopping at a 404. */
const ids: Record<string, string> = {};

async function call(method: string, url: string, body?: unknown) {
  return app.request(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      // Every request from its own address: the abuse limits are tested elsewhere.
      'cloudfront-viewer-address': `2001:db8::${randomUUID().slice(0, 4)}:443`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  token = (await signIn(admin.email, admin.password)).accessToken;
  doc = (await (await app.request('/api/openapi.json')).json()) as Document;
  ids.activityId = await putActivity();
  const survey = await call('POST', `/api/activities/${ids.activityId}/surveys`, {
    templateId: 'post_event_feedback',
    kind: 'post_event',
    sendInvitationsAt: null,
  });
  const created = (await survey.json()) as { id: string; code: string };
  ids.surveyId = created.id;
  ids.code = created.code;
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

/** A concrete URL: real ids where known, else the boundary value of the parameter. */
function url(path: string, op: Operation, b: Boundary, realIds: boolean): string {
  const params = op.parameters ?? [];
  const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    // Framework operations get an id that does not exist: they would change the active framework
    // other test files read. Their bodies are still validated before the lookup.
    const known = path.startsWith('/api/frameworks/') ? undefined : ids[name];
    const param = params.find((p) => p.in === 'path' && p.name === name);
    const value = realIds && known ? known : String(boundaryValue(param?.schema ?? { type: 'string' }, b));
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const p of params.filter((q) => q.in === 'query')) {
    const value = boundaryValue(p.schema, b);
    if (value !== null && value !== undefined) query.set(p.name, String(value));
  }
  const q = query.toString();
  return q ? `${concrete}?${q}` : concrete;
}

/** Every request to send for one operation. */
function requests(path: string, op: Operation) {
  const body = op.requestBody?.content['application/json']?.schema;
  const width = Math.min(body ? unionWidth(body) : 1, 12);
  const out: { url: string; body?: unknown; what: string }[] = [];
  for (let branch = 0; branch < width; branch++) {
    for (const end of ['max', 'min'] as const) {
      const b: Boundary = { end, branch };
      out.push({
        url: url(path, op, b, true),
        body: body && boundaryValue(body, b),
        what: `${end} #${branch}`,
      });
    }
  }
  if (body) {
    for (const list of listPaths(body)) {
      const b: Boundary = { end: 'max', branch: 0, longList: list };
      out.push({ url: url(path, op, b, true), body: boundaryValue(body, b), what: `longest ${list}` });
    }
  }
  // The path and query parameters themselves at their boundaries.
  out.push({ url: url(path, op, { end: 'max', branch: 0 }, false), what: 'parameters at max' });
  return out;
}

describe('boundary values from the OpenAPI document', () => {
  it('covers every operation of the document', () => {
    expect(operations().length).toBeGreaterThan(40);
  });

  it('answers 2xx or a 4xx problem+json to the boundary values of every field, never 500', async () => {
    const failures: string[] = [];
    // DELETE last, so the resources the other operations address still exist.
    const ordered = operations().sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    for (const { method, path, op } of ordered) {
      for (const r of requests(path, op)) {
        const res = await call(method, r.url, method === 'GET' ? undefined : (r.body ?? {}));
        const type = res.headers.get('content-type') ?? '';
        const ok = res.status < 300 || (res.status < 500 && type.includes('application/problem+json'));
        if (!ok)
          failures.push(`${method} ${path} [${r.what}]: ${res.status} ${(await res.text()).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('bounds every string, number and list a request can carry', () => {
    const unbounded = operations().flatMap(({ method, path, op }) => {
      const body = op.requestBody?.content['application/json']?.schema;
      const params = (op.parameters ?? []).flatMap((p) => unboundedFields(p.schema, `${p.in}:${p.name}`));
      return [...params, ...(body ? unboundedFields(body, 'body') : [])].map((f) => `${method} ${path} ${f}`);
    });
    expect(unbounded).toEqual([]);
  });
});
