// Uploads web/build to the site bucket of a deployed stage and invalidates CloudFront, with the
// AWS CLI and the deployer's credentials: `npm run deploy` runs it after `cdk deploy`.
// Usage: tsx infra/bin/upload-web.ts [stage]   (reads cdk-outputs.json written by cdk deploy)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fromRoot } from '../lib/paths.js';

const stage = process.argv[2] ?? 'dev';
const outputsFile = fromRoot('cdk-outputs.json');
if (!existsSync(outputsFile))
  throw new Error('cdk-outputs.json is missing: run cdk deploy --outputs-file cdk-outputs.json');
const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, Record<string, string>>;
const service = outputs[`rlt-${stage}-service`];
if (!service?.SiteBucket || !service.DistributionId) throw new Error(`no outputs of rlt-${stage}-service`);
const build = fromRoot('web/build');
if (!existsSync(`${build}/index.html`)) throw new Error('web/build is missing: run npm run build');

const aws = (...args: string[]) => execFileSync('aws', args, { stdio: 'inherit' });
const bucket = `s3://${service.SiteBucket}`;
// Hashed assets never change: cache them for a year. Old ones stay (open tabs and offline clients
// still reference them), so no --delete.
aws(
  's3',
  'sync',
  build,
  bucket,
  '--exclude',
  '*',
  '--include',
  '_app/immutable/*',
  '--include',
  's/assets/*',
  '--cache-control',
  'public,max-age=31536000,immutable',
);
// Everything else (HTML, service worker, manifest) is revalidated on every load.
aws(
  's3',
  'sync',
  build,
  bucket,
  '--exclude',
  '_app/immutable/*',
  '--exclude',
  's/assets/*',
  '--cache-control',
  'no-cache',
);
aws('cloudfront', 'create-invalidation', '--distribution-id', service.DistributionId, '--paths', '/*');
