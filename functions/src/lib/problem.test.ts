import { describe, expect, it } from 'vitest';
import { Slug } from '../../../shared/src/surveys/schema.js';
import { fieldErrors } from './problem.js';

describe('field errors', () => {
  it("are worded in English from zod's own messages (zod/mini has none without a locale)", () => {
    const parsed = Slug.safeParse('x'.repeat(65));
    if (parsed.success) throw new Error('a 65-character slug was accepted');
    expect(fieldErrors(parsed.error, ['json', 'id'])).toEqual([
      {
        path: ['json', 'id'],
        code: 'too_big',
        message: 'Too big: expected string to have <=64 characters',
      },
    ]);
  });
});
