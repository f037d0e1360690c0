import { afterAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { ORIGIN_HEADER } from '../../functions/src/lib/origin.js';

// In AWS only CloudFront knows ORIGIN_SECRET and adds it to every API request: a call to the API's
// own address (around CloudFront, so around the WAF, with a forged CloudFront-Viewer-Address) fails.
const SECRET = 'a-secret-only-cloudfront-knows-0123456789';
process.env.ORIGIN_SECRET = SECRET; // before this file's first env()
// The worker process may run other files next: leave its environment as it was.
afterAll(() => {
  delete process.env.ORIGIN_SECRET;
});

describe('origin check', () => {
  it('refuses requests without the origin header, or with a wrong one, with 403 problem+json', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { [ORIGIN_HEADER]: 'guess' },
      { [ORIGIN_HEADER]: `${SECRET}x` },
    ];
    for (const headers of attempts) {
      const res = await app.request('/api/health', { headers });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const forged = await app.request('/api/public/surveys/abcdefghjkmn', {
      headers: { 'cloudfront-viewer-address': '192.0.2.1:443' },
    });
    expect(forged.status).toBe(403);
  });

  it('lets CloudFront through', async () => {
    const res = await app.request('/api/health', { headers: { [ORIGIN_HEADER]: SECRET } });
    expect(res.status).toBe(200);
  });
});
