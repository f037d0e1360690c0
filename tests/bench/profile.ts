import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * A CPU profile of this process around some work (node:inspector, the same sampler as
 * `--cpu-prof`), summarised as self time by where the code lives: time waiting (idle: the
 * process had nothing to run, i.e. it waited on DynamoDB Local's answers), the AWS SDK (requests,
 * signing, HTTP, (un)marshalling), our code by area, the engine, disclosure control, GC.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [string, RegExp][] = [
  ['(idle: waiting for I/O)', /^\(idle\)$/],
  ['(garbage collector)', /^\(garbage collector\)$/],
  ['(program: V8/native)', /^\(program\)$/],
  ['(the profiler itself: inspector dispatch)', /^dispatch$/],
  ['AWS SDK: (un)marshalling', /@aws-sdk\/(util-dynamodb|lib-dynamodb)/],
  ['AWS SDK: protocol, signing, HTTP', /node_modules\/(@aws-sdk|@smithy|@aws-crypto)\//],
  ['disclosure control', /shared\/src\/(disclosure\/|results\/disclosed)/],
  ['indicator engine', /shared\/src\/results\//],
  ['roll-up read / gathering', /functions\/src\/(results|rollups)\//],
  ['other project code', /(functions|shared)\/src\//],
  ['Node internals (net, http, streams)', /^node:/],
  ['other node_modules', /node_modules\//],
];

export async function profiled<T>(
  work: () => Promise<T>,
  file?: string,
): Promise<{ value: T; shares: [string, number][]; totalMs: number }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const value = await work();
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  if (file) writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const key = node?.callFrame.url || node?.callFrame.functionName || '?';
    const cat = CATEGORIES.find(([, re]) => re.test(key))?.[0] ?? `other (${key.slice(0, 40)})`;
    self.set(cat, (self.get(cat) ?? 0) + dt);
  });
  return { value, shares: [...self].sort((a, b) => b[1] - a[1]), totalMs: total };
}
