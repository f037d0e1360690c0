import type { Context, Handler, Hono } from 'hono';

/**
 * Route groups mounted by their paths but loaded on their first request.
 *
 * Building a group's routes builds its zod schemas, which is most of what a cold process spends
 * after compiling the bundle: the staff API answered its first request after evaluating every
 * group, now after the group the request needs (`npm run bench` prints the cold start). The paths
 * come from a generated manifest (functions/src/route-manifest.ts, `npm run routes`), so the parent
 * router knows every route (404s, the role tests) without loading any group; a test fails when the
 * manifest and the groups differ.
 *
 * A matched route runs its group's handlers (access check, validators, handler) in the parent's
 * context, as `app.route()` would have copied them: the same request, parameters, variables and
 * error handling.
 */

// biome-ignore lint/suspicious/noExplicitAny: groups of every env shape
type AnyHono = Hono<any, any, any>;
export type RouteGroups = Readonly<Record<string, () => Promise<AnyHono>>>;
/** [group, method, path relative to the mount prefix, in Hono's syntax]. */
export type RouteManifest = readonly (readonly [group: string, method: string, path: string])[];

const key = (method: string, path: string) => `${method} ${path}`;

/** A group's handler chains by method and path; group-wide middleware is not supported. */
function chainsOf(group: string, sub: AnyHono): Map<string, Handler[]> {
  const chains = new Map<string, Handler[]>();
  for (const route of sub.routes) {
    if (route.method === 'ALL')
      throw new Error(`Route group ${group}: middleware (${route.path}) cannot be mounted lazily.`);
    const k = key(route.method, route.path);
    chains.set(k, [...(chains.get(k) ?? []), route.handler as Handler]);
  }
  return chains;
}

/** Runs a chain the way Hono's compose does: each handler gets `next`, a returned Response is the answer. */
async function run(c: Context, chain: readonly Handler[]): Promise<Response> {
  const step = async (i: number): Promise<void> => {
    const handler = chain[i];
    if (!handler) return;
    const res = await handler(c, () => step(i + 1));
    if (res instanceof Response && !c.finalized) c.res = res;
  };
  await step(0);
  if (!c.finalized) throw new Error(`No handler answered ${c.req.method} ${c.req.path}.`);
  return c.res;
}

export interface LazyGroups {
  /** Loads every group (the API reference and the role tests need them all). */
  loadAll(): Promise<AnyHono[]>;
}

/** Registers every manifest route on `app` under `prefix`, each loading its group when first asked. */
export function mountLazily(
  app: AnyHono,
  prefix: string,
  groups: RouteGroups,
  manifest: RouteManifest,
): LazyGroups {
  const loading = new Map<string, Promise<{ sub: AnyHono; chains: Map<string, Handler[]> }>>();
  const load = (group: string) => {
    let p = loading.get(group);
    if (!p) {
      const loader = groups[group];
      if (!loader) throw new Error(`No route group ${group}: run npm run routes.`);
      p = loader().then((sub) => ({ sub, chains: chainsOf(group, sub) }));
      // A failed import is tried again on the next request rather than remembered.
      p.catch(() => loading.delete(group));
      loading.set(group, p);
    }
    return p;
  };
  for (const [group, method, path] of manifest) {
    app.on(method, `${prefix}${path}`, async (c) => {
      const chain = (await load(group)).chains.get(key(method, path));
      if (!chain) throw new Error(`${method} ${path} is not a route of group ${group}: run npm run routes.`);
      return run(c, chain);
    });
  }
  return {
    loadAll: () => Promise.all(Object.keys(groups).map(async (group) => (await load(group)).sub)),
  };
}

/** The manifest of `groups` as they are: each group's routes in order (`npm run routes` writes it). */
export async function manifestOf(groups: RouteGroups): Promise<RouteManifest> {
  const out: [string, string, string][] = [];
  for (const [group, loader] of Object.entries(groups)) {
    const sub = await loader();
    const seen = new Set<string>();
    for (const route of sub.routes) {
      const k = key(route.method, route.path);
      if (!seen.has(k)) out.push([group, route.method, route.path]);
      seen.add(k);
    }
  }
  return out;
}
