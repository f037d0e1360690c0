/**
 * Export routes (GET /api/exports/...): per-respondent responses of a survey (administrators
 * only, written to the audit trail), indicator values and activities with attendance facts
 * (evaluators; figures about people through the disclosure layer). CSV or XLSX, streamed.
 * Mounted in their own Hono app and Lambda (../exports-app.ts), so exceljs stays out of the
 * staff API and the participant API bundles.
 */
import * as z from 'zod/mini';
import { ActivityQuery, Id } from '../../../shared/src/activities/schema.js';
import {
  ACTIVITY_COLUMNS,
  aggregateHeader,
  INDICATOR_COLUMNS,
} from '../../../shared/src/exports/aggregates.js';
import { guardCell, type SafeCell } from '../../../shared/src/exports/cells.js';
import { headerRows, responseLayout, responseRow } from '../../../shared/src/exports/responses.js';
import { CountryCode, PillarId } from '../../../shared/src/framework/schema.js';
import { LanguageCode } from '../../../shared/src/surveys/schema.js';
import { ApiRoutes } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { getSurveyMeta, listDefinitions } from '../surveys/store.js';
import { activityRows, indicatorRows } from './aggregates.js';
import { auditExport, pairingOf, pairingStatusOf, responsePages } from './read.js';
import { csvStream, type SheetSource, xlsxStream } from './write.js';

export const exportRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

const Format = z._default(z.enum(['csv', 'xlsx']), 'csv');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fileContent = {
  'text/csv': { schema: z.string().check(z.maxLength(10_000_000_000)) },
  [XLSX_TYPE]: { schema: z.string().check(z.maxLength(10_000_000_000)) },
};

/** The signed-in user's name for the audit trail (the access check has run). */
const actor = (c: { get(key: 'principal'): AuthVariables['principal'] }) =>
  c.get('principal')?.username ?? 'unknown';

/** A file name part: letters, digits, dash and underscore only. */
const safeName = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60);

/** A streamed file download: CSV of the first sheet, or an XLSX of every sheet. */
function download(format: 'csv' | 'xlsx', name: string, sheets: SheetSource[]): Response {
  const body = format === 'csv' ? csvStream(sheets[0] as SheetSource) : xlsxStream(sheets);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      'content-disposition': `attachment; filename="${name}.${format}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

const ResponsesQuery = z.object({
  format: Format,
  /** `counted` (default): accepted responses only; `all`: repeat attempts and excluded ones too, flagged. */
  include: z._default(z.enum(['counted', 'all']), 'counted'),
  /** The language of the label row (the survey's default language when absent or not offered). */
  lang: z.optional(LanguageCode),
});

exportRoutes.openapi(
  defineRoute('admin', {
    method: 'get',
    path: '/exports/surveys/{surveyId}/responses',
    tags: ['Exports'],
    summary: 'Per-respondent responses of a survey (CSV or XLSX), streamed',
    description:
      'One row per accepted response (with `include=all` also repeat attempts and excluded responses, flagged in a `status` column); row 1 column codes, row 2 labels in `lang`. One column per question and, for multiple choice, one per option (1/0); the language answered; the pairing status (paired by device or self-generated code, unpaired, not counted, not applicable). No e-mail, invitation, pairing code, address or name. The XLSX adds a `choices` sheet (option codes and labels in every language) and an `about` sheet. Every export is written to the audit trail before any row leaves. Text cells are guarded against formula injection (docs/exports.md).',
    request: { params: z.object({ surveyId: Id }), query: ResponsesQuery },
    responses: {
      200: { description: 'The file, streamed', content: fileContent },
      404: { description: 'No such survey' },
    },
  }),
  async (c) => {
    const { surveyId } = c.req.valid('param');
    const q = c.req.valid('query');
    const survey = await getSurveyMeta(surveyId);
    if (!survey) throw new ProblemError(404, 'not-found', `No survey ${surveyId}.`);
    const definitions = await listDefinitions(surveyId);
    const layout = responseLayout(definitions.length ? definitions : [survey.definition], {
      labelLanguage: q.lang,
      withStatus: q.include === 'all',
    });
    const pairing = await pairingOf(survey);
    await auditExport({
      entity: 'survey',
      entityId: surveyId,
      action: 'responses.export',
      actor: actor(c),
      changes: { format: q.format, include: q.include, columns: layout.columns.length },
    });
    async function* rows(): AsyncGenerator<SafeCell[][]> {
      for await (const page of responsePages(surveyId, { all: q.include === 'all' }))
        yield page.map((r) => responseRow(layout, r, pairingStatusOf(pairing, r)));
    }
    const languages = [...new Set(definitions.flatMap((d) => d.languages))];
    const sheets: SheetSource[] = [
      { name: 'responses', header: headerRows(layout), rows: rows() },
      {
        name: 'choices',
        header: [['question', 'option', ...languages].map(guardCell)],
        rows: [
          layout.choices.map((ch) =>
            [ch.questionId, ch.optionId, ...languages.map((l) => ch.labels[l] ?? '')].map(guardCell),
          ),
        ],
      },
      {
        name: 'about',
        header: [['field', 'value']],
        rows: [
          [
            ['survey', survey.code],
            ['title', survey.title.en ?? Object.values(survey.title)[0] ?? ''],
            ['kind', survey.kind],
            ['exported_at', new Date().toISOString()],
            [
              'included',
              q.include === 'all'
                ? 'every response, repeat attempts and excluded ones flagged in status'
                : 'accepted responses only',
            ],
            ['labels_language', layout.labelLanguage],
            ['rows', 'row 1: column codes; row 2: labels; then one row per response'],
            [
              'multiple_choice',
              'the question column lists the chosen codes separated by spaces; one column per option: 1 chosen, 0 not chosen, empty not answered',
            ],
            [
              'formula_guard',
              'a text cell starting with = + - @ (or such a part after ; , tab or a line break) has an apostrophe before it',
            ],
          ].map((r) => r.map(guardCell)),
        ],
      },
    ];
    return download(q.format, `responses-${safeName(survey.code)}`, sheets);
  },
);

const IndicatorsQuery = z.object({
  format: Format,
  /** A year of the framework period: that year's values and breakdowns; absent: the whole period, each year and the period's breakdowns. */
  year: z.optional(z.coerce.number().check(z.int(), z.gte(1900), z.lte(2200))),
  frameworkId: z.optional(z.string().check(z.maxLength(80))),
  /** The results pages' filters: the same scope as the page the export is made from. */
  pillar: z.optional(PillarId),
  projectId: z.optional(z.string().check(z.maxLength(80))),
  country: z.optional(CountryCode),
  region: z.optional(z.string().check(z.maxLength(60))),
});

exportRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/exports/indicators',
    tags: ['Exports'],
    summary: 'Indicator values × periods × breakdowns (CSV or XLSX)',
    description:
      'Every indicator of the framework (the active one by default) with its value for the period, for each year (without `year`) and per breakdown cell, with n, 95 % interval, definition version, target, progress and status: the figures the results pages show (with the same filters), through the same disclosure control (a figure on fewer than 5 people, or one that would reveal such a figure, is withheld: no value, no n, no interval).',
    request: { query: IndicatorsQuery },
    responses: {
      200: { description: 'The file', content: fileContent },
      404: { description: 'No such framework' },
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const rows = await indicatorRows({
      year: q.year,
      frameworkId: q.frameworkId,
      filters: { pillar: q.pillar, projectId: q.projectId, country: q.country, region: q.region },
    });
    return download(q.format, `indicators-${q.year ?? 'period'}`, [
      { name: 'indicators', header: aggregateHeader(INDICATOR_COLUMNS), rows: [rows] },
    ]);
  },
);

const ActivitiesQuery = z.extend(ActivityQuery, { format: Format });

exportRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/exports/activities',
    tags: ['Exports'],
    summary: 'Activities with attendance facts (CSV or XLSX)',
    description:
      'Activities starting in a period (inclusive dates, every activity without), of a type, with words of the title or city (the filters of GET /activities), newest first, with participants, women, countries and organisations from the attendance list (else as stated). Participants and women on fewer than 5 people are withheld, and women also when the other participants are fewer than 5.',
    request: { query: ActivitiesQuery },
    responses: { 200: { description: 'The file', content: fileContent } },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const { format: _, ...query } = q;
    const rows = await activityRows(query);
    return download(q.format, 'activities', [
      { name: 'activities', header: aggregateHeader(ACTIVITY_COLUMNS), rows: [rows] },
    ]);
  },
);
