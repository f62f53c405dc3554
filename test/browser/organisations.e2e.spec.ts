// Page-side expressions are strings: the tests are type-checked without the DOM library, as the service is.
import type { Browser } from 'playwright-core';
import { API_TOKENS, bearer } from '../support/test-app';
import {
  describeBrowser,
  expectAccessible,
  launchBrowser,
  newConsolePage,
  startConsoleService,
  type ConsoleService,
} from './support/browser';

/** An administrator of two organisations (a Region and a métropole) in the console. */
const TWO_ORGANISATIONS_TOKEN = 'two-organisations-token-0123456789';

describeBrowser('the console: an administrator of two organisations', () => {
  let service: ConsoleService;
  let browser: Browser;

  beforeAll(async () => {
    [service, browser] = await Promise.all([
      startConsoleService({
        env: { API_TOKENS: `${API_TOKENS},camille.deux=administrator@region-ara+metropole:${TWO_ORGANISATIONS_TOKEN}` },
      }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('chooses the organisation of a new record, which its page then shows', async () => {
    const { context, page } = await newConsolePage(browser);
    await page.goto(`${service.url}/records`);
    await page.getByLabel("Jeton d'accès").fill(TWO_ORGANISATIONS_TOKEN);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('camille.deux', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Nouveau dossier' }).click();
    await page.getByRole('group', { name: 'Type de dossier à créer' }).getByText('Appel à projets').click();
    const organisation = page.getByLabel('Organisation du dossier');
    expect(await organisation.locator('option').allTextContents()).toEqual(['region-ara', 'metropole']);
    await organisation.selectOption('metropole');
    await expectAccessible(page);
    await page.getByLabel('Intitulé', { exact: true }).fill('Ateliers de la métropole');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('organisation').textContent()).toBe('metropole');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    // The API agrees, and the default organisation's auditor does not see it.
    expect(
      (await service.request('GET', `/api/instances/${id}`, undefined, { authorization: `Bearer ${TWO_ORGANISATIONS_TOKEN}` })).body
        .organisation,
    ).toBe('metropole');
    expect((await service.request('GET', `/api/instances/${id}`, undefined, bearer('auditor'))).status).toBe(404);
    await context.close();
  });
});
