// Boundary values from a JSON Schema (as the OpenAPI 3.1 document states them): the longest
// strings, the largest and smallest numbers, the longest lists. Strings are written with a 3-byte
// UTF-8 character where the schema allows any text, so a limit in characters that storage would
// need in bytes (DynamoDB key attributes) shows up.

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  prefixItems?: Schema[];
  additionalProperties?: Schema | boolean;
  propertyNames?: Schema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
}

/** Which end of each range to produce, and which branch of each union (`branch % width`). */
export interface Boundary {
  end: 'max' | 'min';
  branch: number;
  /** The path of the one list that gets its maximum length; other lists keep one item (or their minimum). */
  longList?: string;
}

/** The value used where the schema sets no bound: beyond every storage limit, so the test notices. */
export const UNBOUNDED = { length: 3000, number: 1e300, items: 200 } as const;

const WIDE = '€'; // U+20AC: 1 UTF-16 unit, 3 UTF-8 bytes.

/** Strings for the patterns of this API, at a requested length where the pattern allows it. */
function fromPattern(pattern: string, length: number): string {
  const re = new RegExp(pattern);
  // The requested length if the pattern allows it, else the nearest shorter, else the nearest longer.
  const sizes = [length, 80, 64, 40, 26, 12, 10, 3, 2, 1];
  const lengths = [...sizes.filter((n) => n <= length), ...sizes.filter((n) => n > length).reverse()];
  const candidates = [
    ...lengths.map((n) => 'a'.repeat(n)),
    ...lengths.map((n) => `a${'0'.repeat(n - 1)}`),
    'en',
    'AF',
    'EUR',
    '1.1',
    '7.99',
    'PG1',
    'AB',
    'ABC',
  ];
  const found = candidates.find((c) => re.test(c));
  if (!found) throw new Error(`no sample for pattern ${pattern}`);
  return found;
}

function fromFormat(format: string, length: number): string | undefined {
  switch (format) {
    case 'email': {
      const local = 'a'.repeat(Math.max(1, Math.min(64, length - '@example.org'.length)));
      return `${local}@example.org`;
    }
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'uuid':
      return crypto.randomUUID();
    case 'uri':
    case 'url':
      return 'https://example.org/';
    default:
      return undefined;
  }
}

/** The branches of a union, with `null` left last (a boundary of a nullable field is a value). */
function branches(schema: Schema): Schema[] | undefined {
  const list = schema.oneOf ?? schema.anyOf;
  if (!list) return undefined;
  return [...list].sort((a, b) => Number(a.type === 'null') - Number(b.type === 'null'));
}

/** The type to produce for a schema with `type: [x, 'null']`. */
function typeOf(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null') ?? 'null';
  return schema.type;
}

/** A value at the chosen boundary of `schema`. `path` names lists for `longList`. */
export function boundaryValue(schema: Schema, b: Boundary, path = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) {
    const values = schema.enum.filter((v) => v !== null);
    if (values.length === 0) return null;
    // The longest enum value for max, the first for min.
    return b.end === 'max'
      ? values.reduce((a, v) => (String(v).length > String(a).length ? v : a))
      : values[b.branch % values.length];
  }
  const union = branches(schema);
  if (union) {
    const choice = union[b.branch % union.length] as Schema;
    return boundaryValue(choice, b, path);
  }
  if (schema.allOf) {
    return schema.allOf.reduce<Record<string, unknown>>(
      (acc, part) => Object.assign(acc, boundaryValue(part, b, path)),
      {},
    );
  }
  switch (typeOf(schema)) {
    case 'null':
      return null;
    case 'boolean':
      return b.end === 'max';
    case 'integer':
    case 'number': {
      const integer = typeOf(schema) === 'integer';
      if (b.end === 'max') {
        if (schema.maximum !== undefined) return schema.maximum;
        if (schema.exclusiveMaximum !== undefined)
          return integer ? schema.exclusiveMaximum - 1 : schema.exclusiveMaximum - 1e-6;
        return integer ? Number.MAX_SAFE_INTEGER * 2 ** 10 : UNBOUNDED.number;
      }
      if (schema.minimum !== undefined) return schema.minimum;
      if (schema.exclusiveMinimum !== undefined)
        return integer ? schema.exclusiveMinimum + 1 : schema.exclusiveMinimum + 1e-6;
      return integer ? -Number.MAX_SAFE_INTEGER * 2 ** 10 : -UNBOUNDED.number;
    }
    case 'string': {
      const length =
        b.end === 'max' ? (schema.maxLength ?? UNBOUNDED.length) : Math.max(schema.minLength ?? 0, 1);
      if (schema.format) {
        const formatted = fromFormat(schema.format, length);
        if (formatted !== undefined) return formatted;
      }
      if (schema.pattern) return fromPattern(schema.pattern, length);
      return WIDE.repeat(length);
    }
    case 'array': {
      if (schema.prefixItems) return schema.prefixItems.map((s, i) => boundaryValue(s, b, `${path}/${i}`));
      const long = b.longList === path;
      const count = long ? (schema.maxItems ?? UNBOUNDED.items) : Math.max(schema.minItems ?? 0, 1);
      const item = schema.items ?? {};
      return Array.from({ length: count }, (_, i) =>
        boundaryValue(item, { ...b, branch: b.branch + i }, `${path}/[]`),
      );
    }
    case 'object':
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        out[key] = boundaryValue(sub, b, `${path}/${key}`);
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        const key = schema.propertyNames ? String(boundaryValue(schema.propertyNames, b)) : 'k';
        out[key] = boundaryValue(schema.additionalProperties, b, `${path}/*`);
      }
      return out;
    }
  }
}

/** Every list in a schema, by the path `boundaryValue` gives it. */
export function listPaths(schema: Schema, path = ''): string[] {
  const inner = (s: Schema, p: string): string[] => listPaths(s, p);
  const union = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (union) return [...new Set(union.flatMap((s) => inner(s, path)))];
  const type = typeOf(schema);
  if (type === 'array') {
    return [path, ...(schema.items ? inner(schema.items, `${path}/[]`) : [])];
  }
  const props = Object.entries(schema.properties ?? {}).flatMap(([k, s]) => inner(s, `${path}/${k}`));
  const extra =
    schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? inner(schema.additionalProperties, `${path}/*`)
      : [];
  return [...props, ...extra];
}

/** How many branches the widest union of a schema has (so every branch of it is sent once). */
export function unionWidth(schema: Schema): number {
  const here = (schema.oneOf ?? schema.anyOf)?.length ?? (schema.enum ? schema.enum.length : 1);
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.oneOf ?? []),
    ...(schema.anyOf ?? []),
    ...(schema.allOf ?? []),
    ...(schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? [schema.additionalProperties]
      : []),
  ];
  return Math.max(here, ...children.map(unionWidth));
}

/** Fields without a bound that storage needs: strings without maxLength, numbers without a range, lists without maxItems. */
export function unboundedFields(schema: Schema, path = ''): string[] {
  const union = schema.oneOf ?? schema.anyOf ?? schema.allOf;
  if (union) return [...new Set(union.flatMap((s) => unboundedFields(s, path)))];
  if (schema.enum || schema.const !== undefined) return [];
  const out: string[] = [];
  switch (typeOf(schema)) {
    case 'string':
      // A pattern without `*`, `+` or an open `{n,}` bounds the length itself.
      if (
        schema.maxLength === undefined &&
        !schema.format &&
        !/^[^*+]*$/.test(schema.pattern?.replace(/\{\d+,\}/g, '*') ?? '*')
      )
        out.push(`${path} (string without maxLength)`);
      break;
    case 'integer':
    case 'number':
      if (schema.maximum === undefined && schema.exclusiveMaximum === undefined)
        out.push(`${path} (number without maximum)`);
      if (schema.minimum === undefined && schema.exclusiveMinimum === undefined)
        out.push(`${path} (number without minimum)`);
      break;
    case 'array':
      if (schema.maxItems === undefined) out.push(`${path} (list without maxItems)`);
      if (schema.items) out.push(...unboundedFields(schema.items, `${path}/[]`));
      break;
    default:
      for (const [k, s] of Object.entries(schema.properties ?? {}))
        out.push(...unboundedFields(s, `${path}/${k}`));
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        out.push(...unboundedFields(schema.additionalProperties, `${path}/*`));
  }
  return out;
}
