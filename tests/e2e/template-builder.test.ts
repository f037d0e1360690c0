import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { launch, phone, shot, signInPage } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';

const web = inject('webUrl');
const [admin] = DEMO_USERS;
let browser: Browser;
/** The dev server compiles pages on first use: give the browser time. */
const wait = { timeout: 20_000 };

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const status = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ }).first().textContent();
const edits = (page: Page) => page.locator('#qe-status').textContent();
const field = (page: Page, path: string) => page.locator(`#qe-${path}`);

/** The page's widest element beyond the viewport, if any (nothing may scroll sideways on a phone). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the template builder, on a phone', () => {
  it('builds a template from the bank and new questions, attaches it, and participants see it', async () => {
    const context = await browser.newContext({ ...phone });
    const page = await signInPage(context, web, admin, '/surveys/templates');
    expect(page.viewportSize()?.width).toBeLessThanOrEqual(393);

    // The list: the built-in templates are there, read-only, and the navigation names the page.
    await expect.poll(() => page.getByText('Built-in').count(), wait).toBe(3);
    // (On a phone the menu is folded: the link is read without opening it.)
    expect(await page.locator('#main-menu a[href="/surveys/templates"]').getAttribute('aria-current')).toBe(
      'page',
    );

    // A new template from a blank start, in English and Arabic.
    await page.getByLabel('Title (in the default language)').fill('Field visit feedback');
    await page.getByLabel('Kind').selectOption('post_event');
    await page.getByRole('checkbox', { name: /Arabic \(ar\)/ }).check();
    await shot(page, 'templates-list-phone');
    await page.getByRole('button', { name: 'Create template' }).click();
    await page.waitForURL(/\/surveys\/templates\/[0-9a-z]+\?created=1$/, wait);
    const templateId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => status(page), wait).toContain('Template created');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Field visit feedback');
    expect(await field(page, 'questions-0-text').inputValue()).toBe('What was most useful for you, and why?');

    // From the question bank: the satisfaction question.
    await page.getByText('Add from the question bank').click();
    await page.getByLabel('Search the question bank').fill('satisfied');
    await expect.poll(() => page.locator('#qe-bank-count').textContent()).toMatch(/^1 of \d+ questions$/);
    await page
      .getByRole('button', {
        name: 'Add “Overall, how satisfied are you with the event?” from the question bank',
      })
      .click();
    await expect.poll(() => edits(page)).toBe('Question 2 added.');
    expect(
      await page
        .getByRole('button', {
          name: '“Overall, how satisfied are you with the event?” is already in the survey',
        })
        .isDisabled(),
    ).toBe(true);

    // A new single-choice question, shown only to the very satisfied.
    await page.getByLabel('Type of the new question').selectOption('single_choice');
    await page.getByRole('button', { name: 'Add a new question' }).click();
    await expect.poll(() => edits(page)).toBe('Question 3 added.');
    // The new question's text has the focus, ready to type.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('qe-questions-2-text');
    await page.keyboard.type('Would you join another field visit?');
    await field(page, 'questions-2-options-0-label').fill('Yes');
    await field(page, 'questions-2-options-1-label').fill('');
    // The empty label is flagged next to it, at once.
    await expect
      .poll(() => field(page, 'questions-2-options-1-label-error').textContent())
      .toBe('The label of option 2 is empty.');
    expect(await field(page, 'questions-2-options-1-label').getAttribute('aria-invalid')).toBe('true');
    await field(page, 'questions-2-showIf-questionId').selectOption('satisfaction');
    await field(page, 'questions-2-showIf-value').selectOption('5');

    // Saving is refused with a summary that links to the field.
    await page.getByRole('button', { name: 'Save template' }).click();
    const summary = page.locator('#qe-summary');
    await expect.poll(() => summary.textContent()).toContain('Question 3: The label of option 2 is empty.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('qe-summary');
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe(
      '#qe-questions-2-options-1-label',
    );
    await shot(page, 'template-builder-error-phone');
    await field(page, 'questions-2-options-1-label').fill('No');
    await expect.poll(() => field(page, 'questions-2-options-1-label-error').textContent()).toBe('');
    expect(await summary.count()).toBe(0);

    // The condition keeps question 3 after question 2.
    await page.getByRole('button', { name: 'Move question 3 up' }).click();
    await expect.poll(() => page.locator('#qe-refusal').textContent()).toContain('must stay after it');
    await page.getByRole('button', { name: 'Move question 1 down' }).click();
    await expect.poll(() => edits(page)).toBe('Question 1 moved down: it is now question 2.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Move question 2 down',
    );
    await page.getByRole('button', { name: 'Move question 2 up' }).click();
    await expect
      .poll(() => field(page, 'questions-0-text').inputValue())
      .toBe('What was most useful for you, and why?');

    // Arabic texts are typed right to left.
    await page.getByLabel('Editing language').selectOption('ar');
    expect(await field(page, 'questions-2-text').getAttribute('dir')).toBe('rtl');
    await field(page, 'questions-2-text').fill('هل تودّ المشاركة في زيارة ميدانية أخرى؟');
    await field(page, 'questions-2-options-0-label').fill('نعم');
    await field(page, 'questions-2-options-1-label').fill('لا');
    await shot(page, 'template-builder-rtl-phone');
    await page.getByLabel('Editing language').selectOption('en');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'template-builder-phone');

    await page.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => status(page), wait).toContain('Template saved (version 2)');

    // Attached to an activity: the template is offered with the built-in ones.
    const activityId = await putActivity({ title: 'Field visit to the border crossing point' });
    await page.goto(`${web}/activities/${activityId}/surveys`);
    const radio = page.getByRole('radio', { name: /Field visit feedback\s*custom/ });
    await expect.poll(() => radio.count(), wait).toBe(1);
    await radio.check();
    await expect.poll(() => page.getByRole('checkbox', { name: /Arabic \(ar\)/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Attach survey' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toContain('Attached');
    await page.getByRole('link', { name: 'Field visit feedback' }).first().click();
    await page.waitForURL(/\/surveys\/[0-9a-z]+$/, wait);
    const link = await page.getByLabel('Link for participants').inputValue();
    const code = link.split('/').pop()!;

    // The survey page edits the same way; with no response yet the version stays 1.
    await page.getByRole('button', { name: 'Edit questions' }).click();
    await expect
      .poll(() => field(page, 'questions-2-text').inputValue())
      .toBe('Would you join another field visit?');
    expect(await page.getByText('No one has answered yet: saving changes version 1 in place.').count()).toBe(
      1,
    );
    await shot(page, 'survey-edit-questions-phone');
    await page.getByRole('checkbox', { name: 'An answer is required' }).nth(2).check();
    await page.getByRole('button', { name: 'Save questions' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), wait)
      .toBe('Questions saved (version 1).');
    await context.close();

    // The participant: question 3 appears only after "Very satisfied".
    const participant = await browser.newContext({ ...phone, locale: 'en-GB' });
    const p = await participant.newPage();
    await p.goto(`${web}/s/${code}`);
    await expect
      .poll(() => p.getByRole('heading', { level: 1 }).textContent(), wait)
      .toBe('Field visit feedback');
    await p.getByRole('button', { name: 'Start', exact: true }).click();
    await p.getByRole('button', { name: 'Next', exact: true }).click(); // most useful: optional
    await p.getByRole('radio', { name: 'Satisfied', exact: true }).check();
    await expect.poll(() => p.locator('#progress-label').textContent()).toBe('Question 2 of 2');
    await p.getByRole('radio', { name: 'Very satisfied', exact: true }).check();
    await expect.poll(() => p.locator('#progress-label').textContent()).toBe('Question 2 of 3');
    await p.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => p.getByText('Would you join another field visit?').count()).toBe(1);
    expect(await p.getByRole('radio', { name: 'Yes', exact: true }).count()).toBe(1);
    await shot(p, 'participant-custom-template-phone');
    await participant.close();

    // The template itself is unchanged by attaching, and still at version 2.
    expect(templateId).toMatch(/^[0-9a-z]+$/);
  });
});
