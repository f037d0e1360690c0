import { describe, expect, it } from 'vitest';
import { allows, primaryRole } from './rules.js';

describe('allows', () => {
  it('lets anyone through public and signed-in routes', () => {
    expect(allows('public', [])).toBe(true);
    expect(allows('signed_in', [])).toBe(true);
  });
  it('gives admins everything evaluators have, but not the reverse', () => {
    expect(allows('evaluator', ['admin'])).toBe(true);
    expect(allows('evaluator', ['evaluator'])).toBe(true);
    expect(allows('admin', ['evaluator'])).toBe(false);
    expect(allows('admin', ['admin'])).toBe(true);
  });
  it('refuses role routes to a user without a role', () => {
    expect(allows('evaluator', [])).toBe(false);
    expect(allows('admin', [])).toBe(false);
  });
});

describe('primaryRole', () => {
  it('prefers admin, ignores unknown groups, and is null without a role', () => {
    expect(primaryRole(['evaluator', 'admin'])).toBe('admin');
    expect(primaryRole(['other', 'evaluator'])).toBe('evaluator');
    expect(primaryRole(['other'])).toBeNull();
  });
});
