import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { routeGroups } from '../route-groups.js';
import { routeManifest } from '../route-manifest.js';
import { manifestOf, mountLazily } from './lazy-routes.js';

describe('the route manifest', () => {
  it('lists every route of every group, in order (else run `npm run routes`)', async () => {
    expect(await manifestOf(routeGroups)).toEqual(routeManifest);
    expect(routeManifest.length).toBeGreaterThan(90);
  });
});

describe('lazily mounted route groups', () => {
  const make = () => {
    const loads: string[] = [];
    const app = new Hono();
    app.onError((err, c) => c.json({ error: err.message }, 500));
    app.use('*', async (c, next) => {
      c.header('x-parent', 'yes');
      await next();
    });
    const groups = {
      items: async () => {
        loads.push('items');
        return new Hono()
          .get(
            '/items/:id',
            async (c, next) => {
              c.header('x-checked', c.req.param('id'));
              await next();
            },
            (c) => c.json({ id: c.req.param('id'), q: c.req.query('q') }),
          )
          .post('/items', () => {
            throw new Error('refused');
          });
      },
      other: async () => {
        loads.push('other');
        return new Hono().get('/other', (c) => c.text('other'));
      },
    };
    const lazy = mountLazily(app, '/api', groups, [
      ['items', 'GET', '/items/:id'],
      ['items', 'POST', '/items'],
      ['other', 'GET', '/other'],
      ['other', 'GET', '/gone'],
    ]);
    return { app, loads, lazy };
  };

  it('loads a group on its first request only, and runs its chain in the parent context', async () => {
    const { app, loads } = make();
    expect(loads).toEqual([]);
    const res = await app.request('/api/items/7?q=x');
    expect(await res.json()).toEqual({ id: '7', q: 'x' });
    expect(res.headers.get('x-checked')).toBe('7');
    expect(res.headers.get('x-parent')).toBe('yes');
    await app.request('/api/items/8');
    expect(loads).toEqual(['items']);
  });

  it("hands a group's errors to the parent's error handler, and answers unknown paths 404", async () => {
    const { app } = make();
    const res = await app.request('/api/items', { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'refused' });
    expect((await app.request('/api/nothing')).status).toBe(404);
  });

  it('fails loudly on a manifest route its group does not have', async () => {
    const { app } = make();
    const res = await app.request('/api/gone');
    expect(await res.json()).toEqual({
      error: 'GET /gone is not a route of group other: run npm run routes.',
    });
  });

  it('loads every group on demand', async () => {
    const { lazy, loads } = make();
    expect(await lazy.loadAll()).toHaveLength(2);
    expect(loads.sort()).toEqual(['items', 'other']);
  });
});
