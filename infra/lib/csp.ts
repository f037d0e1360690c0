import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/gi;

/**
 * sha256 sources for the inline scripts in the built HTML (SvelteKit's bootstrap script), so the
 * header can allow exactly those instead of 'unsafe-inline'. Empty when there is no build yet.
 */
export function inlineScriptHashes(buildDir: string | undefined): string[] {
  if (!buildDir) return [];
  const hashes = new Set<string>();
  for (const entry of readdirSync(buildDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const html = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const [, attributes = '', body = ''] of html.matchAll(INLINE_SCRIPT)) {
      // JSON data blocks are never executed, so CSP does not apply to them.
      if (/type=["']?application\/(ld\+)?json/i.test(attributes) || body.trim() === '') continue;
      hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
    }
  }
  return [...hashes].sort();
}

/** A CSP for a static SPA that talks only to its own /api and to Cognito's endpoint. */
export function contentSecurityPolicy(options: { cognitoEndpoint: string; scriptHashes: string[] }): string {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...options.scriptHashes].join(' '),
    // Svelte transitions and style: directives set inline styles at runtime.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${options.cognitoEndpoint}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}
