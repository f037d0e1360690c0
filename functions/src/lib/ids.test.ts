import { describe, expect, it } from 'vitest';
import { Id } from '../../../shared/src/activities/schema.js';
import { PublicCode } from '../../../shared/src/surveys/survey.js';
import { newId, newPublicCode } from './ids.js';

describe('ids', () => {
  it('makes ids that sort by creation time and pass the Id schema', () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_001);
    expect(a < b).toBe(true);
    expect(Id.safeParse(a).success).toBe(true);
    expect(a).toHaveLength(26);
  });
  it('makes public codes that pass the PublicCode schema and do not repeat', () => {
    const codes = new Set(Array.from({ length: 1000 }, newPublicCode));
    expect(codes.size).toBe(1000);
    for (const c of codes) expect(PublicCode.safeParse(c).success).toBe(true);
  });
});
