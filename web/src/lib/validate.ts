import { en } from 'zod/locales';
import { config, safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';

// The shared schemas are zod/mini, which leaves messages to a locale: the same English messages as
// the API's field errors (functions/src/lib/problem.ts), set by the pages that check a form.
config(en());

/** Checks a request body in the browser before sending it, as the API will. */
export const validate = <T extends $ZodType>(schema: T, value: unknown) => safeParse(schema, value);
