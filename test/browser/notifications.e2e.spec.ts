// Page-side expressions are strings: the tests are type-checked without the DOM library, as the service is.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { eventually, secretsThatSigned } from '../support/notifications';
import { completeDocuments, seed001TenderInput } from '../support/seed-001';
import { bearer, TEST_PRINCIPALS, type TestRole } from '../support/test-app';
import {
  describeBrowser,
  expectAccessible,
  launchBrowser,
  newConsolePage,
  saveScreenshot,
  signIn,
  startConsoleService,
  type ConsoleService,
} from './support/browser';

/**
 * The notifications page and a record's notifications section in Chromium, against real receivers
 * on loopback: subscribing with the secret shown once, a delivery, a dead one retried from the page,
 * rotation, deletion after a confirmation, and what an auditor and a scheduler see.
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback: records what it receives and answers `status(path)`. */
class Receiver {
  readonly received: Received[] = [];
  status: (path: string) => number = () => 204;
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        const status = this.status(path);
        if (status < 300) this.received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const bid = (name: string, identifier: string, priceInclVatCents: number) => ({
  type: 'SUBMIT_BID',
  at: '2022-07-01T09:00:00+02:00',
  bidder: { name, identifier },
  priceExclVatCents: Math.round(priceInclVatCents / 1.2),
  priceInclVatCents,
  documents: completeDocuments,
});

/** Quick retries, so that a failing receiver's delivery is dead within the test; the receiver is on loopback. */
const WEBHOOKS = {
  WEBHOOK_DISPATCHER: 'on',
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_MAX_ATTEMPTS: '2',
  WEBHOOK_RETRY_BASE_MS: '20',
  WEBHOOK_RETRY_MAX_MS: '100',
  WEBHOOK_TIMEOUT_MS: '2000',
};

describeBrowser('the console notifications page: subscriptions and deliveries', () => {
  let service: ConsoleService;
  let browser: Browser;
  const receiver = new Receiver();
  let attributed: string;
  let flakyId: string;

  async function send(id: string, body: Record<string, unknown>): Promise<void> {
    const response = await service.request('POST', `/api/instances/${id}/events`, body);
    if (response.status !== 200) throw new Error(`${String(body.type)}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  /** A tender of seed 001 played up to its attribution: informRejectedBidders and informAwardedBidder. */
  async function attributeTender(): Promise<string> {
    const created = await service.request('POST', '/api/instances', {
      kind: 'tender',
      input: seed001TenderInput,
      at: '2022-06-28T08:00:00+02:00',
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const id = created.body.id as string;
    for (const body of [
      { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' },
      bid('Coaching Coop', '11111111100014', 3_800_000),
      bid('Insertion Conseil', '33333333300008', 3_500_000),
      { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00' },
      { type: 'SCORE_BID', at: '2022-08-10T09:00:00+02:00', bidId: 'B1', scores: { technical: 80 } },
      { type: 'SCORE_BID', at: '2022-08-10T10:00:00+02:00', bidId: 'B2', scores: { technical: 60 } },
      { type: 'ATTRIBUTE', at: '2022-08-24T09:00:00+02:00', bidId: 'B1' },
    ])
      await send(id, body);
    return id;
  }

  async function openAs(role: TestRole, path: string): Promise<Page> {
    const { context, page } = await newConsolePage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
    await signIn(page, service, role);
    if (path !== '/') await page.goto(`${service.url}${path}`);
    return page;
  }

  async function tableRows(page: Page, caption: string | RegExp): Promise<string[][]> {
    const table = page.getByRole('table', { name: caption });
    await table.waitFor();
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map(async (row) => (await row.locator('td, th').allTextContents()).map((text) => text.trim())));
  }

  /** Waits until no loading notice is left (a locator: the CSP forbids waitForFunction's eval). */
  async function loaded(page: Page): Promise<void> {
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('[role=status]', { hasText: 'Chargement' }).first().waitFor({ state: 'detached' });
  }

  const deliveries = (page: Page) => page.getByRole('table', { name: /Liste des envois/ });

  beforeAll(async () => {
    await receiver.start();
    [service, browser] = await Promise.all([
      startConsoleService({ clockStart: '2022-08-25T09:00:00+02:00', env: WEBHOOKS }),
      launchBrowser(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await receiver.stop();
  });

  it('lets an administrator subscribe a receiver, shows its secret once, and shows the delivery once the receiver has it', async () => {
    const page = await openAs('administrator', '/');
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Notifications' }).click();
    await page.waitForURL('**/notifications');
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    await page.getByText('Aucun abonnement pour le moment.').waitFor();
    await page.getByText('0 envoi.').waitFor();
    await expectAccessible(page);

    // Only the awarded bidder's message of tenders: the kinds chosen narrow the message types offered.
    await page.getByLabel('Adresse du récepteur').fill(receiver.url('/awarded'));
    const events = page.getByRole('group', { name: /Types de message/ });
    await events.getByText('Cohorte confirmée').waitFor();
    await page
      .getByRole('group', { name: /Types de dossier/ })
      .getByText('Appel à projets')
      .click();
    await events.getByText('Cohorte confirmée').waitFor({ state: 'detached' });
    // Reminders before deadlines are offered whatever the kinds: the service sends them for every kind.
    await events.getByText('Rappel avant une échéance').waitFor();
    await events.getByText('Information du candidat retenu').click();
    await page.getByRole('button', { name: "S'abonner" }).click();

    // The secret, once, with its warning and a copy button.
    const panel = page.getByTestId('secret-once');
    await panel.getByText('ne sera plus jamais affiché').waitFor();
    const secret = await panel.getByLabel('Secret de signature').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    await expectAccessible(page);
    await panel.getByRole('button', { name: 'Copier le secret' }).click();
    await panel.getByText('Secret copié dans le presse-papiers.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);

    const listed = (await service.request('GET', '/api/webhooks')).body.items as {
      id: string;
      url: string;
      events: string[];
      kinds: string[];
    }[];
    expect(listed.map(({ url, events: types, kinds }) => ({ url, events: types, kinds }))).toEqual([
      { url: receiver.url('/awarded'), events: ['informAwardedBidder'], kinds: ['tender'] },
    ]);
    expect(await tableRows(page, '1 abonnement')).toEqual([
      [
        receiver.url('/awarded'),
        'Information du candidat retenu',
        'Appel à projets',
        expect.stringContaining(`par ${TEST_PRINCIPALS.administrator}`),
        '—',
        expect.stringContaining('Changer le secret'),
      ],
    ]);
    await panel.getByRole('button', { name: "J'ai conservé le secret" }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await page.getByRole('table', { name: '1 abonnement' }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // An attribution: two messages, of which this subscription takes the awarded bidder's, signed with its secret.
    attributed = await attributeTender();
    const [message] = await eventually(() => {
      const got = receiver.at('/awarded');
      expect(got).toHaveLength(1);
      return got;
    });
    expect(JSON.parse(message.body)).toMatchObject({ type: 'informAwardedBidder', data: { instanceId: attributed, kind: 'tender' } });
    expect(secretsThatSigned(message, [secret])).toEqual([secret]);

    // The page refreshes by itself: the delivery shows delivered, with a link to its record.
    const row = deliveries(page).locator('tbody tr').filter({ hasText: 'Information du candidat retenu' });
    await row.getByText('Remis', { exact: true }).waitFor();
    expect((await tableRows(page, /Liste des envois/))[0]).toEqual([
      'Remis',
      'Information du candidat retenu',
      'Webhook',
      expect.stringContaining(seed001TenderInput.title),
      receiver.url('/awarded'),
      '1',
      '—',
      expect.stringMatching(/^Remis le \d+ \S+ 20\d\d, \d\d:\d\d$/),
      '—',
    ]);
    expect(await row.getByRole('link', { name: seed001TenderInput.title }).getAttribute('href')).toBe(`/records/${attributed}`);

    // Rotation: a new secret, once; the previous one signs until the end of the grace period.
    await page.getByRole('button', { name: 'Changer le secret', exact: true }).click();
    await panel.getByText(`Nouveau secret pour ${receiver.url('/awarded')}`).waitFor();
    const rotated = await panel.getByLabel('Secret de signature').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await page
      .getByRole('table', { name: '1 abonnement' })
      .locator('tbody tr td')
      .nth(4)
      .getByText(/20\d\d/)
      .waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it("shows a record's notifications on its page, with what each subscription got", async () => {
    const page = await openAs('administrator', `/records/${attributed}`);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Notifications', level: 2 }) });
    await section.getByRole('table', { name: /Messages produits par le dossier/ }).waitFor();
    const rows = await tableRows(page, /Messages produits par le dossier/);
    expect(rows.map((row) => row[0])).toEqual(['Information des candidats non retenus', 'Information du candidat retenu']);
    expect(rows[0][2]).toBe('Aucun abonnement ne correspondait');
    expect(rows[1][2]).toContain(`Remis ${receiver.url('/awarded')}`);
    expect(rows[1][1]).toMatch(/^n° \d+, le 24 août 2022, 09:00$/);
    await expectAccessible(page);
    await section.getByRole('link', { name: 'Voir les envois de ce dossier' }).click();
    await page.waitForURL(`**/notifications?record=${attributed}`);
    expect(await page.getByLabel('Identifiant du dossier').inputValue()).toBe(attributed);
    await page.getByText('1 envoi.').waitFor();
    await page.context().close();
  });

  it('lets an administrator retry a dead delivery once its receiver is fixed, and delete a subscription after a confirmation', async () => {
    let broken = true;
    receiver.status = (path) => (path === '/flaky' && broken ? 500 : 204);
    const created = await service.request('POST', '/api/webhooks', { url: receiver.url('/flaky'), kinds: ['tender'] });
    expect(created.status).toBe(201);
    flakyId = created.body.id as string;
    const cancelled = (await service.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Ateliers annulés' } })).body
      .id as string;
    await send(cancelled, { type: 'CANCEL', reason: 'Budget retiré' });
    // Two attempts, both refused: dead.
    await eventually(async () => {
      const dead = await service.request('GET', `/api/notifications?status=dead&subscriptionId=${flakyId}`);
      expect(dead.body.items).toHaveLength(1);
    });

    const page = await openAs('administrator', '/notifications?status=dead');
    expect(await page.getByLabel('Statut', { exact: true }).inputValue()).toBe('dead');
    const rows = await tableRows(page, /Liste des envois/);
    expect(rows).toEqual([
      [
        'Abandonné',
        'Appel à projets annulé',
        'Webhook',
        expect.stringContaining('Ateliers annulés'),
        receiver.url('/flaky'),
        '2',
        expect.stringContaining('HTTP 500'),
        '—',
        'Relancer',
      ],
    ]);
    await expectAccessible(page);

    // Its subscription's link narrows the list to it, the status filter kept.
    await page.getByRole('link', { name: receiver.url('/flaky') }).click();
    await page.waitForURL(new RegExp(`subscription=${flakyId}`));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ status: 'dead', subscription: flakyId });
    await eventually(async () => expect(await page.getByLabel('Abonnement', { exact: true }).inputValue()).toBe(flakyId));

    broken = false;
    await page.getByRole('button', { name: 'Relancer' }).click();
    await page.getByText(`Envoi « Appel à projets annulé » à ${receiver.url('/flaky')} relancé : de nouveau en attente`).waitFor();
    await eventually(() => expect(receiver.at('/flaky')).toHaveLength(1));
    // Delivered at the first attempt of its new series: no longer among the dead.
    await page.getByText('0 envoi.').waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByLabel('Abonnement', { exact: true }).selectOption(flakyId);
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL(new RegExp(`subscription=${flakyId}`));
    await page.getByText('1 envoi.').waitFor();
    expect((await tableRows(page, /Liste des envois/))[0].slice(0, 6)).toEqual([
      'Remis',
      'Appel à projets annulé',
      'Webhook',
      expect.any(String),
      receiver.url('/flaky'),
      '1',
    ]);
    await page.reload();
    await eventually(async () => expect(await page.getByLabel('Abonnement', { exact: true }).inputValue()).toBe(flakyId));
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByText('2 envois.').waitFor();
    await saveScreenshot(page, 'notifications', { fullPage: true });

    // Deleting asks first; cancelling keeps it.
    const flakyRow = page
      .getByRole('table', { name: '2 abonnements' })
      .locator('tbody tr')
      .filter({ hasText: receiver.url('/flaky') });
    await flakyRow.getByRole('button', { name: 'Supprimer' }).click();
    const confirmation = page.getByRole('alertdialog');
    await confirmation.getByText(`Supprimer l'abonnement ${receiver.url('/flaky')} ?`).waitFor();
    await expectAccessible(page);
    await confirmation.getByRole('button', { name: 'Annuler' }).click();
    await confirmation.waitFor({ state: 'detached' });
    expect((await service.request('GET', '/api/webhooks')).body.total).toBe(2);
    await flakyRow.getByRole('button', { name: 'Supprimer' }).click();
    await confirmation.getByRole('button', { name: 'Confirmer la suppression' }).click();
    await page.getByText(`L'abonnement ${receiver.url('/flaky')} a été supprimé.`).waitFor();
    await page.getByRole('table', { name: '1 abonnement' }).waitFor();
    expect(((await service.request('GET', '/api/webhooks')).body.items as { url: string }[]).map((item) => item.url)).toEqual([
      receiver.url('/awarded'),
    ]);
    await expectAccessible(page);
    await page.context().close();
  });

  it('shows an auditor the deliveries without a button that writes, and the API still refuses a forced request', async () => {
    const page = await openAs('auditor', '/');
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Notifications' }).click();
    await loaded(page);
    await page.getByText('2 envois.').waitFor();
    expect(await page.getByRole('heading', { name: 'Abonnements webhook' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /S'abonner|Changer le secret|Supprimer|Relancer/ }).count()).toBe(0);
    // The subscription is filtered by its id (an auditor may not list the subscriptions): the table's link fills it in.
    await page.getByRole('link', { name: receiver.url('/awarded') }).click();
    await page.waitForURL(/subscription=/);
    await page.getByText('1 envoi.').waitFor();
    expect(await page.getByRole('textbox', { name: /^Abonnement/ }).inputValue()).toMatch(/^[0-9a-f-]{36}$/);
    await expectAccessible(page);

    // Forced from the page with the auditor's token: refused.
    const delivery = (await service.request('GET', '/api/notifications?limit=1', undefined, bearer('auditor'))).body.items[0].id as string;
    const forced = await page.evaluate(`(async () => {
      const authorization = 'Bearer ' + sessionStorage.getItem('console.token');
      const call = (method, path, body) =>
        fetch(path, {
          method,
          headers: body ? { authorization, 'content-type': 'application/json' } : { authorization },
          body: body && JSON.stringify(body),
        }).then((r) => r.status);
      return [
        await call('POST', '/api/notifications/${delivery}/retry'),
        await call('POST', '/api/webhooks', { url: 'https://mallory.example/hooks' }),
        await call('GET', '/api/webhooks'),
        await call('POST', '/api/webhooks/${flakyId}/rotate-secret'),
        await call('DELETE', '/api/webhooks/${flakyId}'),
      ];
    })()`);
    expect(forced).toEqual([403, 403, 403, 403, 403]);

    // A record's notifications are the auditor's to read too.
    await page.goto(`${service.url}/records/${attributed}`);
    await page.getByRole('table', { name: /Messages produits par le dossier/ }).waitFor();
    await expectAccessible(page);
    await page.context().close();

    // A scheduler reads neither: no menu entry, no section, and the page sends home.
    const scheduler = await openAs('scheduler', `/records/${attributed}`);
    await scheduler.getByRole('heading', { name: /^Historique/, level: 2 }).waitFor();
    expect(await scheduler.getByRole('heading', { name: 'Notifications' }).count()).toBe(0);
    expect(await scheduler.getByRole('link', { name: 'Notifications' }).count()).toBe(0);
    await scheduler.goto(`${service.url}/notifications`);
    await scheduler.waitForURL((url) => url.pathname === '/');
    await scheduler.context().close();
  });

  it('pages through the deliveries, 20 a page, the filters and the page kept in the address', async () => {
    const everything = (await service.request('POST', '/api/webhooks', { url: receiver.url('/everything') })).body.id as string;
    for (let number = 1; number <= 21; number++) {
      const id = (await service.request('POST', '/api/instances', { kind: 'tender', input: { title: `Atelier annulé n° ${number}` } })).body
        .id as string;
      await send(id, { type: 'CANCEL', reason: 'Budget retiré' });
    }
    await eventually(() => expect(receiver.at('/everything')).toHaveLength(21));

    const page = await openAs('administrator', `/notifications?subscription=${everything}`);
    await page.getByText('21 envois.').waitFor();
    expect(await tableRows(page, 'Liste des envois, page 1 sur 2')).toHaveLength(20);
    await page
      .getByRole('navigation', { name: /Pagination/i })
      .getByRole('link', { name: '2', exact: true })
      .click();
    await page.waitForURL(/page=2/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ subscription: everything, page: '2' });
    const last = await tableRows(page, 'Liste des envois, page 2 sur 2');
    expect(last.map((row) => row.slice(0, 2))).toEqual([['Remis', 'Appel à projets annulé']]);
    await page.reload();
    expect(await tableRows(page, 'Liste des envois, page 2 sur 2')).toHaveLength(1);
    await expectAccessible(page);

    // The channel: these went to a webhook, none by e-mail (no SMTP server is configured here).
    await page.getByLabel('Canal', { exact: true }).selectOption('email');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL(/channel=email/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ subscription: everything, channel: 'email' });
    await page.getByText('0 envoi.').waitFor();
    await page.getByLabel('Canal', { exact: true }).selectOption('webhook');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.getByText('21 envois.').waitFor();
    await page.goto(`${service.url}/notifications?subscription=${everything}&page=2`);
    expect(await tableRows(page, 'Liste des envois, page 2 sur 2')).toHaveLength(1);

    // In English, from the same catalogues' other language.
    await page.getByTitle('Sélectionner la langue').locator('visible=true').click();
    await page
      .getByRole('link', { name: /English/ })
      .locator('visible=true')
      .click();
    await page.getByRole('heading', { name: 'Webhook subscriptions', level: 2 }).waitFor();
    // The choice is kept; reloaded, the header's language menu is closed again.
    await page.reload();
    await page.getByRole('heading', { name: 'Webhook subscriptions', level: 2 }).waitFor();
    expect((await tableRows(page, 'Deliveries, page 2 of 2'))[0].slice(0, 2)).toEqual(['Delivered', 'Tender cancelled']);
    await page.getByRole('button', { name: 'Apply the filters' }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});
