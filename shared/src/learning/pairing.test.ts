import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asciiDigits,
  normaliseInitial,
  type PairableResponse,
  pairResponses,
  selfGeneratedCode,
} from './pairing.js';

const code = (initial: unknown, day: unknown, phone: unknown) =>
  selfGeneratedCode({ code_mother_initial: initial, code_birth_day: day, code_phone_digit: phone });

describe('selfGeneratedCode', () => {
  it('recipe: letter + two-digit day + last phone digit', () => {
    expect(code('Marie', 7, 3)).toBe('self:m073');
    expect(code('  marie ', '07', '+44 7700 900123')).toBe('self:m073');
  });

  it('normalises case and diacritics', () => {
    expect(code('Élodie', 21, 0)).toBe('self:e210');
    expect(code('élodie', '21', '0')).toBe('self:e210');
    expect(normaliseInitial('Ёлка')).toBe('е'); // Cyrillic ie, U+0435
    expect(normaliseInitial('İpek')).toBe('i');
    expect(normaliseInitial('Şule')).toBe('s');
  });

  it('Arabic and Persian digits and letter variants give the same code', () => {
    // ١٥ (Arabic-Indic) = ۱۵ (Persian) = 15; ٩ = ۹ = 9
    expect(asciiDigits('١٥ ۱۵ ١٢٣٤٥٦٧٨٩٠ ۰۹ ０７')).toBe('15 15 1234567890 09 07');
    const arabic = code('كريمة', '١٥', '٠٥٥٥١٢٣٤٥٩');
    const persian = code('کریمه', '۱۵', '۹');
    expect(arabic).toBe('self:ک159');
    expect(persian).toBe(arabic);
    // alef with hamza below / madda / bare alef are one letter
    expect(normaliseInitial('إيمان')).toBe('ا');
    expect(normaliseInitial('آمنة')).toBe('ا');
    expect(normaliseInitial('يوسف')).toBe(normaliseInitial('یوسف'));
  });

  it('Cyrillic names with ASCII digits', () => {
    expect(code('Анна', 3, 8)).toBe('self:а038');
  });

  it('null when a part is missing or invalid', () => {
    expect(code(undefined, 7, 3)).toBeNull();
    expect(code('123', 7, 3)).toBeNull(); // no letter
    expect(code('M', 0, 3)).toBeNull();
    expect(code('M', 32, 3)).toBeNull();
    expect(code('M', 7.5, 3)).toBeNull();
    expect(code('M', 7, '')).toBeNull();
    expect(code('M', 7, 'none')).toBeNull();
    expect(selfGeneratedCode({})).toBeNull();
  });
});

const r = (
  responseId: string,
  submittedAt: string,
  extra: Partial<PairableResponse> = {},
): PairableResponse => ({ responseId, activityId: 'act1', submittedAt, ...extra });

describe('pairResponses', () => {
  it('pairs by device code, then by self code; counts and match rate', () => {
    const pre = [
      r('p1', '2025-03-01T09:00:00Z', { pairingCode: 'dev-aaaa' }),
      r('p2', '2025-03-01T09:01:00Z', { pairingCode: 'dev-bbbb', selfCode: 'self:m073' }),
      r('p3', '2025-03-01T09:02:00Z', { selfCode: 'self:k159' }),
      r('p4', '2025-03-01T09:03:00Z'), // no code at all
    ];
    const post = [
      r('q1', '2025-03-01T17:00:00Z', { pairingCode: 'dev-aaaa' }),
      r('q2', '2025-03-01T17:01:00Z', { selfCode: 'self:m073' }), // other device: self code
      r('q5', '2025-03-01T17:05:00Z', { selfCode: 'self:zzzz' }),
    ];
    const out = pairResponses(pre, post);
    expect(out.pairs.map((p) => [p.pre.responseId, p.post.responseId, p.by])).toEqual([
      ['p1', 'q1', 'device'],
      ['p2', 'q2', 'self'],
    ]);
    expect(out.unmatchedPre.map((x) => x.responseId)).toEqual(['p4', 'p3']); // later first
    expect(out.unmatchedPost.map((x) => x.responseId)).toEqual(['q5']);
    // match rate = pairs / max(distinct pre, distinct post) = 2 / max(4, 3) = 0.5
    expect(out.matchRate).toBe(0.5);
    expect(out.counts).toMatchObject({
      pre: 4,
      post: 3,
      pairs: 2,
      duplicates: 0,
      distinctPre: 4,
      distinctPost: 3,
    });
  });

  it('people, not responses: a code used twice in one phase keeps the first attempt by submittedAt and reports the other', () => {
    const pre = [
      r('late', '2025-03-01T10:00:00+01:00', { pairingCode: 'dev-aaaa' }), // 09:00Z
      r('early', '2025-03-01T08:30:00Z', { pairingCode: 'dev-aaaa' }),
    ];
    const post = [r('q', '2025-03-01T17:00:00Z', { pairingCode: 'dev-aaaa' })];
    const out = pairResponses(pre, post);
    expect(out.pairs[0]!.pre.responseId).toBe('early');
    expect(out.duplicates).toEqual([
      { phase: 'pre', activityId: 'act1', code: 'dev-aaaa', response: pre[0], keptResponseId: 'early' },
    ]);
    // 1 pair / max(2 − 1, 1) = 1
    expect(out.matchRate).toBe(1);
  });

  it('never pairs across activities', () => {
    const out = pairResponses(
      [r('p', '2025-03-01T09:00:00Z', { pairingCode: 'dev-aaaa' })],
      [r('q', '2025-03-01T17:00:00Z', { pairingCode: 'dev-aaaa', activityId: 'act2' })],
    );
    expect(out.pairs).toEqual([]);
    expect(out.matchRate).toBe(0);
  });

  it('no responses: match rate null', () => {
    expect(pairResponses([], []).matchRate).toBeNull();
  });

  const response = () =>
    fc.record({
      n: fc.nat(),
      activityId: fc.constantFrom('a1', 'a2'),
      submittedAt: fc
        .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 0, 3) })
        .map((t) => new Date(t).toISOString()),
      pairingCode: fc.option(fc.constantFrom('d1', 'd2', 'd3', 'd4'), { nil: undefined }),
      selfCode: fc.option(fc.constantFrom('self:a011', 'self:b022', 'self:c033'), { nil: null }),
    });
  const phase = (name: string) =>
    fc
      .array(response(), { maxLength: 25 })
      .map((xs) => xs.map((x, i) => ({ ...x, responseId: `${name}${i}` }) as PairableResponse));

  it('property: every response lands in exactly one bucket; pairs share activity and code', () => {
    fc.assert(
      fc.property(phase('pre'), phase('post'), (pre, post) => {
        const out = pairResponses(pre, post);
        const seen = [
          ...out.pairs.flatMap((p) => [p.pre.responseId, p.post.responseId]),
          ...out.unmatchedPre.map((x) => x.responseId),
          ...out.unmatchedPost.map((x) => x.responseId),
          ...out.duplicates.map((d) => d.response.responseId),
        ];
        expect(seen.sort()).toEqual([...pre, ...post].map((x) => x.responseId).sort());
        for (const p of out.pairs) {
          expect(p.pre.responseId.startsWith('pre')).toBe(true);
          expect(p.post.responseId.startsWith('post')).toBe(true);
          expect(p.pre.activityId).toBe(p.post.activityId);
          const codeOf = (x: PairableResponse) => (p.by === 'device' ? x.pairingCode : x.selfCode);
          expect(codeOf(p.pre)).toBe(p.code);
          expect(codeOf(p.post)).toBe(p.code);
        }
        const { counts } = out;
        expect(counts.pairs + counts.unmatchedPre + counts.unmatchedPost + counts.duplicates).toBe(
          pre.length + post.length - counts.pairs,
        );
        if (out.matchRate !== null) {
          expect(out.matchRate).toBeGreaterThanOrEqual(0);
          expect(out.matchRate).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('property: the result does not depend on input order', () => {
    fc.assert(
      fc.property(phase('pre'), phase('post'), (pre, post) => {
        const ids = (o: ReturnType<typeof pairResponses>) => ({
          pairs: o.pairs.map((p) => [p.pre.responseId, p.post.responseId]),
          dup: o.duplicates.map((d) => d.response.responseId).sort(),
        });
        expect(ids(pairResponses([...pre].reverse(), [...post].reverse()))).toEqual(
          ids(pairResponses(pre, post)),
        );
      }),
    );
  });
});
