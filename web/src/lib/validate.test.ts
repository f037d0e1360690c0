import { describe, expect, it } from 'vitest';
import { Slug } from '../../../shared/src/surveys/schema';
import { validate } from './validate';

describe('validate', () => {
  it('checks a body in the browser with the English messages the API answers', () => {
    const checked = validate(Slug, 'x'.repeat(65));
    expect(checked.success).toBe(false);
    expect(checked.error?.issues.map((i) => i.message)).toEqual([
      'Too big: expected string to have <=64 characters',
    ]);
    expect(validate(Slug, 'priority_goal').data).toBe('priority_goal');
  });
});
