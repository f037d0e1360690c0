import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { pairingCodeFromBytes } from '../../shared/src/learning/pairing-code.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';

// Pairing code typos (issue 13): a code typed from another device is checked on the page; a typo
// is refused with a clear message and the device's own code is kept.

const web = inject('webUrl');
const wait = { timeout: 20_000 };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the pairing code on the participant page', () => {
  it('has a check character, and a mistyped code from another device is refused', async () => {
    const activityId = await putActivity({ title: 'Training on trafficking indicators' });
    const { accessToken } = await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password);
    const res = await fetch(`${web}/api/activities/${activityId}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'knowledge_test', kind: 'pre_test', sendInvitationsAt: null }),
    });
    expect(res.status).toBe(201);
    const survey = (await res.json()) as { code: string };

    const context = await browser.newContext({ ...phone });
    const page = await context.newPage();
    await page.goto(`${web}/s/${survey.code}`);
    const shown = page.locator('.pairing-box .pairing strong');
    await expect
      .poll(() => shown.textContent(), wait)
      .toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
    const mine = (await shown.textContent()) ?? '';

    await page.getByText('I have a code from another device').click();
    const input = page.locator('#pairing');
    await input.fill('XXXX');
    await input.press('Tab');
    await expect.poll(() => page.locator('#pairing-error').textContent(), wait).toMatch(/not valid/);
    expect(await shown.textContent()).toBe(mine);
    await shot(page, 'pairing-code-phone-typo');

    // One character off: caught by the check character.
    const other = pairingCodeFromBytes([3, 1, 4, 1, 5, 9, 2, 6]);
    const typo = `${other.slice(0, 2)}${other[2] === 'Z' ? 'Y' : 'Z'}${other.slice(3)}`;
    await input.fill(typo.toLowerCase());
    await input.press('Tab');
    await expect.poll(() => page.locator('#pairing-error').textContent(), wait).toMatch(/not valid/);
    expect(await shown.textContent()).toBe(mine);

    // The right code, typed in lower case without hyphens, is taken and shown as printed.
    await input.fill(other.replaceAll('-', '').toLowerCase());
    await input.press('Tab');
    await expect.poll(() => shown.textContent(), wait).toBe(other);
    expect(await page.locator('#pairing-error').textContent()).toBe('');
    await context.close();
  }, 90_000);
});
