import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { handler } from '../../functions/src/handlers/api.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { putActivity } from '../support/fixtures.js';

// JSON answers are compressed on the local stack (the API on Node, over real HTTP) and in the
// Lambda (base64 of the gzip bytes, which the HTTP API decodes), for clients that accept gzip.

let server: ReturnType<typeof serve>;
let base = '';
let code = '';
let token = '';

/** A raw HTTP GET (no automatic decompression, unlike fetch): status, headers and body bytes. */
function get(path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((ok, fail) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  token = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  const activityId = await putActivity({ title: 'Compression check' });
  const res = await app.request(`/api/activities/${activityId}/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event' }),
  });
  code = ((await res.json()) as { code: string }).code;
  await new Promise<void>((r) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => r());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('JSON responses are compressed', () => {
  it('gzips the public survey for a client that accepts gzip, and only then', async () => {
    const plain = await get(`/api/public/surveys/${code}`, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const survey = JSON.parse(plain.body.toString('utf8')) as { code: string; definition: unknown };
    expect(survey.code).toBe(code);

    const zipped = await get(`/api/public/surveys/${code}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toContain('application/json');
    expect(String(zipped.headers.vary)).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(survey);
    // The survey is several KB of JSON: gzip takes it to about a third or less.
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2.5);
  });

  it('leaves small answers and clients that refuse gzip uncompressed', async () => {
    // {"status":"ok"}: gzip would make it bigger.
    const tiny = await get('/api/health', { 'accept-encoding': 'gzip' });
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.body.toString('utf8'))).toMatchObject({ status: 'ok' });
    // q=0 is a refusal (RFC 9110); the answer still varies on the header for caches.
    const refused = await get(`/api/public/surveys/${code}`, { 'accept-encoding': 'gzip;q=0, br' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(String(refused.headers.vary)).toMatch(/accept-encoding/i);
    expect((JSON.parse(refused.body.toString('utf8')) as { code: string }).code).toBe(code);
    // A wildcard accepts gzip, and the length sent is the compressed one.
    const wildcard = await get(`/api/public/surveys/${code}`, { 'accept-encoding': '*' });
    expect(wildcard.headers['content-encoding']).toBe('gzip');
    if (wildcard.headers['content-length'] !== undefined)
      expect(Number(wildcard.headers['content-length'])).toBe(wildcard.body.length);
    expect((JSON.parse(gunzipSync(wildcard.body).toString('utf8')) as { code: string }).code).toBe(code);
  });

  it('gzips authorised staff answers too, and still refuses a request without a token', async () => {
    const zipped = await get('/api/templates', {
      'accept-encoding': 'gzip',
      authorization: `Bearer ${token}`,
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toBeTruthy();
    const anonymous = await get('/api/templates', { 'accept-encoding': 'gzip' });
    expect(anonymous.status).toBe(401);
  });

  it('answers the Lambda event with base64 gzip bytes when the viewer accepts gzip', async () => {
    const event = {
      version: '2.0',
      routeKey: 'ANY /api/{proxy+}',
      rawPath: `/api/public/surveys/${code}`,
      rawQueryString: '',
      headers: { host: 'example.org', 'accept-encoding': 'gzip' },
      requestContext: {
        http: {
          method: 'GET',
          path: `/api/public/surveys/${code}`,
          protocol: 'HTTP/1.1',
          sourceIp: '203.0.113.9',
        },
        requestId: 'r1',
        routeKey: 'ANY /api/{proxy+}',
        stage: '$default',
        timeEpoch: Date.now(),
      },
      isBase64Encoded: false,
    };
    const res = (await handler(event as any, {} as any)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
      isBase64Encoded: boolean;
    };
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.isBase64Encoded).toBe(true);
    const survey = JSON.parse(gunzipSync(Buffer.from(res.body, 'base64')).toString('utf8')) as {
      code: string;
    };
    expect(survey.code).toBe(code);
  });
});
