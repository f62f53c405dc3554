import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { seed001FirstBid, seed001TenderInput } from '../support/seed-001';
import { describeBrowser, launchBrowser, newConsolePage, signIn, startConsoleService, type ConsoleService } from './support/browser';

/**
 * Stands in for Stately's inspector page (no site outside is reachable here): it answers the
 * inspection protocol's handshake as the real page does, and keeps every message it receives.
 */
const RECEIVER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inspector</title></head><body>
<script>
  window.received = [];
  window.addEventListener('message', (event) => {
    if (event.data && typeof event.data.type === 'string' && typeof event.data._version === 'string') window.received.push(event.data);
  });
  window.opener.postMessage({ type: '@statelyai.connected' }, '*');
</script></body></html>`;

interface Received {
  type: string;
  event?: { type: string; actor?: string };
  snapshot?: { value: unknown };
  definition?: string;
}

const received = (inspector: Page) => inspector.evaluate<Received[]>('window.received');

describeBrowser("the console streams a record's steps to Stately's inspector", () => {
  let receiver: Server;
  let service: ConsoleService;
  let browser: Browser;

  beforeAll(async () => {
    receiver = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(RECEIVER_PAGE));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const inspectorUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/inspect`;
    [service, browser] = await Promise.all([startConsoleService({ env: { CONSOLE_INSPECTOR_URL: inspectorUrl } }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('sends the machine, the history and where the record stands, then each new step as it happens', async () => {
    const created = await service.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
    const id = created.body.id as string;
    expect((await service.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);

    const { context, page } = await newConsolePage(browser);
    await signIn(page, service, 'auditor', `/records/${id}`);
    const [inspector] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: 'Inspecter dans Stately' }).click(),
    ]);
    await inspector.waitForFunction('window.received && window.received.some((m) => m.type === "@xstate.snapshot")');
    const first = await received(inspector);
    const actor = first.find((message) => message.type === '@xstate.actor')!;
    expect(Object.keys(JSON.parse(actor.definition!).states)).toEqual(expect.arrayContaining(['open', 'delivering', 'closed']));
    expect(first.filter((message) => message.type === '@xstate.event').map((message) => message.event!.type)).toEqual([
      'CREATE',
      'PUBLISH',
    ]);
    expect(first.find((message) => message.type === '@xstate.snapshot')!.snapshot!.value).toEqual({ open: 'published' });

    // Another user's bid reaches the page through the live stream, and the inspector as one more step.
    expect((await service.request('POST', `/api/instances/${id}/events`, { ...seed001FirstBid, at: undefined })).status).toBe(200);
    await inspector.waitForFunction('window.received.some((m) => m.type === "@xstate.event" && m.event.type === "SUBMIT_BID")');
    const bid = (await received(inspector)).find((message) => message.event?.type === 'SUBMIT_BID')!;
    expect(bid.event).toMatchObject({ type: 'SUBMIT_BID', actor: 'marie.admin' });
    await context.close();
  });

  it('is not offered when the service names no inspector', async () => {
    const plain = await startConsoleService();
    try {
      const created = await plain.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
      const { context, page } = await newConsolePage(browser);
      await signIn(page, plain, 'administrator', `/records/${created.body.id}`);
      // The record is shown (its summary and diagram are there), without the inspector's button.
      await page.getByTestId('state-badge').waitFor();
      await page.getByRole('heading', { name: 'Cycle de vie' }).waitFor();
      expect(await page.getByRole('button', { name: 'Inspecter dans Stately' }).count()).toBe(0);
      await context.close();
    } finally {
      await plain.close();
    }
  });
});
