import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../../src/web-console/serve-console';
import { startTestApp, testDatabases, TEST_PRINCIPALS, TEST_TOKENS, type TestApp, type TestRole } from '../../support/test-app';

/**
 * Browser tests drive the console in Debian's Chromium (`apt-get install chromium`) through
 * playwright-core: nothing is downloaded at run time. CHROMIUM_PATH names another binary.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

function whySkipped(): string | undefined {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (!existsSync(join(CONSOLE_DIST, 'index.html'))) return 'the console is not built (npm run build:console; npm test builds it)';
  return undefined;
}

const skipped = whySkipped();
let warned = false;

/** `describe` when Chromium and the built console are there; otherwise skipped with a visible notice, as the PostgreSQL tests are. */
export function describeBrowser(name: string, body: () => void): void {
  if (skipped) {
    if (!warned) {
      warned = true;
      console.warn(`Browser tests SKIPPED: ${skipped}.`);
    }
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

/** Chromium, headless, with nothing that reaches out to the network on its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The service serving the console and the API on a free loopback port, as a browser reaches it. */
export interface ConsoleService {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Calls the API in-process as a role (default: the role the route needs), as TestApp.request does. */
  request: TestApp['request'];
  test: TestApp;
  close(): Promise<void>;
}

/**
 * Starts the service on SQLite with the simulated clock (at `clockStart`, default 1 June 2022 in
 * Paris, the season of seed 001) and its scheduler on, listening on 127.0.0.1.
 */
export async function startConsoleService(options: { clockStart?: string; env?: Record<string, string> } = {}): Promise<ConsoleService> {
  const test = await startTestApp(testDatabases()[0], {
    CLOCK: 'simulated',
    CLOCK_START: options.clockStart ?? '2022-06-01T08:00:00+02:00',
    SCHEDULER: 'on',
    SCHEDULER_POLL_MS: '50',
    ...options.env,
  });
  await test.app.listen(0, '127.0.0.1');
  const address = test.app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('the service did not listen on a TCP port');
  return { url: `http://127.0.0.1:${address.port}`, request: test.request.bind(test), test, close: () => test.close() };
}

/** A French-speaking browser tab in Paris, as our users have them. */
export async function newConsolePage(
  browser: Browser,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  // A page error is a bug of the console: fail the test that caused it, with the message.
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

/** Signs in through the sign-in page with the role's token and waits for the console to show who is signed in. */
export async function signIn(page: Page, service: ConsoleService, role: TestRole, path = '/'): Promise<void> {
  await page.goto(`${service.url}${path}`);
  await page.getByLabel(/Jeton d'accès|Access token/).fill(TEST_TOKENS[role]);
  await page.getByRole('button', { name: /Se connecter|Sign in/ }).click();
  await page.getByText(TEST_PRINCIPALS[role], { exact: false }).first().waitFor();
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * The page's serious and critical accessibility violations (axe-core, WCAG 2.1 A and AA rules, as
 * RGAA asks), each as one readable line. Evaluated through the browser's debugger, not as a script
 * tag, so that the console's Content-Security-Policy stays as it is served.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // Runs in the page (the test's TypeScript has no DOM types).
    const scope = globalThis as unknown as {
      document: unknown;
      axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
    };
    const result = await scope.axe.run(scope.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id} (${violation.help}): ${violation.nodes
          .slice(0, 5)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/** Fails with the list of serious or critical violations, if any. */
export async function expectAccessible(page: Page): Promise<void> {
  expect({ url: page.url(), violations: await seriousAccessibilityViolations(page) }).toEqual({ url: page.url(), violations: [] });
}

/** Saves the page as docs/screenshots/<name>.png, so that the screenshots in the docs are what the tests saw. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled' });
}
