// Page-side expressions are strings: the tests are type-checked without the DOM library, as the service is.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SESSION_PLAN_001 } from '../../machines/coaching-cohort/coaching-cohort.examples';
import { Database } from '../../src/persistence/database';
import { seed001TenderInput } from '../support/seed-001';
import { bearer, type TestRole } from '../support/test-app';
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
 * The console's list and report pages (dashboard, records, deadlines, clock, indicators, audit, 404)
 * in Chromium, over records created through the API on the simulated clock (1 June 2022, Paris).
 */

/** A cohort open to men and women (no sex criterion), so that both columns of every people count are filled. */
const MIXED_COHORT = {
  group: 'Groupe mixte : Grésilles, Talant',
  theme: 'mobilité',
  size: { min: 1, max: 12 },
  recruitmentClosesAt: '2022-09-30T18:00:00+02:00',
  eligibility: { neighbourhoods: ['Grésilles', 'Talant'] },
  plan: SESSION_PLAN_001,
};

/** Enrolled in 2022 (the clock's year): the age band is 2022 minus the birth year. */
const PARTICIPANTS = [
  { ref: 'MX-01', sex: 'F', birthYear: 1980, neighbourhood: 'Grésilles' }, // 42: 40-49
  { ref: 'MX-02', sex: 'M', birthYear: 1975, neighbourhood: 'Grésilles' }, // 47: 40-49
  { ref: 'MX-03', sex: 'M', birthYear: 1999, neighbourhood: 'Talant' }, // 23: 0-29
  { ref: 'MX-04', sex: 'F', birthYear: 1960, neighbourhood: 'Talant' }, // 62: 50+
  { ref: 'MX-05', sex: 'M', birthYear: 1990, neighbourhood: 'Talant' }, // withdraws: counted only as withdrawn
];
const WITHDRAWN = 'MX-05';

/** More draft tenders than one page of the list holds (20 a page). */
const DRAFT_TENDERS = 23;

const BID_DEADLINE = '2022-06-10T12:00:00+02:00';

describeBrowser('the console pages: dashboard, records, deadlines, clock, indicators, audit', () => {
  let service: ConsoleService;
  let browser: Browser;
  let tenderId: string;
  let cohortId: string;
  const draftIds: string[] = [];

  async function create(kind: string, input: unknown): Promise<string> {
    const response = await service.request('POST', '/api/instances', { kind, input });
    if (response.status !== 201) throw new Error(`create ${kind}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  }

  async function send(id: string, body: Record<string, unknown>): Promise<void> {
    const response = await service.request('POST', `/api/instances/${id}/events`, body);
    if (response.status !== 200) throw new Error(`${String(body.type)}: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async function openAs(role: TestRole, path: string): Promise<Page> {
    const { page } = await newConsolePage(browser);
    await signIn(page, service, role);
    // Signing in lands on the dashboard; the token stays in the tab for the page asked for.
    if (path !== '/') await page.goto(`${service.url}${path}`);
    return page;
  }

  /** The texts of a table's body rows, cell by cell, the table found by its caption. */
  async function tableRows(page: Page, caption: string | RegExp): Promise<string[][]> {
    const table = page.getByRole('table', { name: caption });
    await table.waitFor();
    const rows = await table.locator('tbody tr').all();
    return Promise.all(rows.map(async (row) => (await row.locator('td, th').allTextContents()).map((text) => text.trim())));
  }

  beforeAll(async () => {
    [service, browser] = await Promise.all([startConsoleService(), launchBrowser()]);
    cohortId = await create('cohort', MIXED_COHORT);
    await send(cohortId, { type: 'OPEN_RECRUITMENT' });
    for (const participant of PARTICIPANTS) await send(cohortId, { type: 'ENROLL', participant });
    await send(cohortId, { type: 'WITHDRAW_PARTICIPANT', ref: WITHDRAWN });

    tenderId = await create('tender', { ...seed001TenderInput, bidDeadline: BID_DEADLINE, decisionDate: '2022-06-20T18:00:00+02:00' });
    await send(tenderId, { type: 'PUBLISH' });
    for (let number = 1; number <= DRAFT_TENDERS; number++)
      draftIds.push(await create('tender', { title: `Atelier numérique n° ${number}` }));
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('shows the programme indicators with every count of people split by sex, as worked out by hand', async () => {
    const page = await openAs('auditor', '/indicators');
    const women = PARTICIPANTS.filter((p) => p.sex === 'F' && p.ref !== WITHDRAWN).length;
    const men = PARTICIPANTS.filter((p) => p.sex === 'M' && p.ref !== WITHDRAWN).length;
    expect(await tableRows(page, 'Inscriptions et retraits')).toEqual([
      ['Inscrites (hors retraits)', String(women), String(men), String(women + men)],
      ['Retirées', '0', '1', '1'],
    ]);
    expect(await tableRows(page, /par tranche d'âge/)).toEqual([
      ['0-29 ans', '0', '1', '1'],
      ['30-39 ans', '0', '0', '0'],
      ['40-49 ans', '1', '1', '2'],
      ['50+ ans', '1', '0', '1'],
    ]);
    expect(await tableRows(page, 'Personnes inscrites par quartier')).toEqual([
      ['Grésilles', '1', '1', '2'],
      ['Talant', '1', '1', '2'],
    ]);
    // One cohort and 24 tenders (one published, the drafts), none under way yet.
    expect(await tableRows(page, 'Dossiers par type')).toEqual([
      ['Appel à projets', String(DRAFT_TENDERS + 1)],
      ['Convention', '0'],
      ['Cohorte', '1'],
    ]);
    await expectAccessible(page);
    await saveScreenshot(page, 'indicators', { fullPage: true });

    // The CSV the button saves is the API's, fetched with the session's token.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger au format CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(csv).toEqual(expect.arrayContaining([`participantsEnrolled,all,all,F,${women}`, `participantsEnrolled,all,all,M,${men}`]));

    // The kind filter goes into the address: a tender-only report has nobody enrolled.
    await page.getByLabel('Type de dossier').selectOption('tender');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/kind=tender/);
    await page.getByText('Seulement : Appel à projets.').waitFor();
    expect((await tableRows(page, 'Inscriptions et retraits'))[0]).toEqual(['Inscrites (hors retraits)', '0', '0', '0']);
    await page.reload();
    expect(await page.getByLabel('Type de dossier').inputValue()).toBe('tender');
    await page.context().close();
  });

  it('keeps the records filters in the address (a reload keeps them) and pages through the list', async () => {
    const page = await openAs('administrator', '/records');
    // Text in the title: "n° 1" is in the titles of tenders 1 and 10 to 19.
    const matching = Array.from({ length: DRAFT_TENDERS }, (_, index) => `Atelier numérique n° ${index + 1}`).filter((title) =>
      title.includes('n° 1'),
    );
    await page.getByLabel("Texte dans l'intitulé").fill('n° 1');
    await page.getByLabel('Type de dossier').selectOption('tender');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL(/q=/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: 'n° 1', kind: 'tender' });
    await page.getByText(`${matching.length} dossiers trouvés.`).waitFor();
    await page.reload();
    expect(await page.getByLabel("Texte dans l'intitulé").inputValue()).toBe('n° 1');
    expect(await page.getByLabel('Type de dossier').inputValue()).toBe('tender');
    const titles = (await tableRows(page, 'Liste des dossiers, page 1 sur 1')).map((row) => row[0]);
    expect([...titles].sort()).toEqual([...matching].sort());

    await page.getByLabel("Texte dans l'intitulé").fill('');
    await page.getByLabel('Étape').selectOption('draft');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL(/stage=draft/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ kind: 'tender', stage: 'draft' });
    await page.getByText(`${DRAFT_TENDERS} dossiers trouvés.`).waitFor();
    expect(await tableRows(page, 'Liste des dossiers, page 1 sur 2')).toHaveLength(20);

    await page.reload();
    expect(await page.getByLabel('Type de dossier').inputValue()).toBe('tender');
    expect(await page.getByLabel('Étape').inputValue()).toBe('draft');
    await page.getByText(`${DRAFT_TENDERS} dossiers trouvés.`).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, 'records', { fullPage: true });

    await page
      .getByRole('navigation', { name: /Pagination/i })
      .getByRole('link', { name: '2', exact: true })
      .click();
    await page.waitForURL(/page=2/);
    const second = await tableRows(page, 'Liste des dossiers, page 2 sur 2');
    expect(second).toHaveLength(DRAFT_TENDERS - 20);
    for (const row of second) expect(row.slice(1, 4)).toEqual(['Appel à projets', 'Brouillon', 'Brouillon']);
    await page.reload();
    expect(await tableRows(page, 'Liste des dossiers, page 2 sur 2')).toHaveLength(DRAFT_TENDERS - 20);

    // Clearing the filters brings back the cohort and the published tender; its title opens it.
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByText(`${DRAFT_TENDERS + 2} dossiers trouvés.`).waitFor();
    await page.getByLabel('Étape').selectOption('published');
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.getByText('2 dossiers trouvés.').waitFor();
    await page.getByRole('link', { name: seed001TenderInput.title }).click();
    await page.waitForURL(`**/records/${tenderId}`);
    await page.context().close();
  });

  it('lets an administrator create a record from the form generated from its kind, a bad value refused', async () => {
    const page = await openAs('administrator', '/records');
    await page.getByRole('button', { name: 'Nouveau dossier' }).click();
    // DSFR draws the radio over its label: the label is what a person clicks.
    await page.getByRole('group', { name: 'Type de dossier à créer' }).getByText('Appel à projets').click();
    expect(await page.getByRole('radio', { name: 'Appel à projets' }).isChecked()).toBe(true);
    await page.getByLabel('Intitulé', { exact: true }).fill('Ateliers de mobilité');
    // The schema's minimum is the field's: the browser refuses a negative budget before anything is sent.
    const before = (await service.request('GET', '/api/instances?limit=1', undefined, bearer('auditor'))).body.total;
    const cap = page.getByLabel('Budget plafond (centimes TTC)');
    await cap.fill('-5');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    expect(await cap.evaluate((input) => (input as unknown as { matches(selector: string): boolean }).matches(':invalid'))).toBe(true);
    expect((await service.request('GET', '/api/instances?limit=1', undefined, bearer('auditor'))).body.total).toBe(before);
    await expectAccessible(page);

    await page.getByLabel('Budget plafond (centimes TTC)').fill('4000000');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const record = (await service.request('GET', `/api/instances/${id}`, undefined, bearer('auditor'))).body;
    expect({ kind: record.kind, state: record.state, title: record.context.title, cap: record.context.budgetCapCents }).toEqual({
      kind: 'tender',
      state: 'open.draft',
      title: 'Ateliers de mobilité',
      cap: 4_000_000,
    });
    await page.context().close();
  });

  it('shows the dashboard by the service clock: the next 30 days of deadlines link to their records', async () => {
    const page = await openAs('auditor', '/');
    // The browser's own date is years later: the agenda only holds June 2022 if the page uses the service's now.
    await page.getByText('Situation au 1 juin 2022, 08:00').waitFor();
    const agenda = page.locator('section', { has: page.getByRole('heading', { name: 'Échéances des 30 prochains jours' }) });
    const item = agenda.getByRole('listitem').filter({ hasText: 'Clôture des offres à la date limite' });
    await item.getByText('10 juin 2022, 12:00').waitFor();
    // Named by the record's title, though the agenda gives only its id.
    expect(await item.getByRole('link', { name: seed001TenderInput.title }).getAttribute('href')).toBe(`/records/${tenderId}`);
    // The counts by stage and kind: the drafts made here, plus the one the creation test made through the form.
    const counts = await tableRows(page, /Nombre de dossiers par étape/);
    expect(counts.find((row) => row[0] === 'Brouillon')).toEqual([
      'Brouillon',
      String(DRAFT_TENDERS + 1),
      '0',
      '0',
      String(DRAFT_TENDERS + 1),
    ]);
    expect(counts.find((row) => row[0] === 'Publié')).toEqual(['Publié', '1', '0', '1', '2']);
    // Nothing is overdue on 1 June; the counter still leads to the filtered list.
    await page.getByText('dossier avec une obligation en retard').waitFor();
    expect(await page.getByRole('link', { name: 'Voir les dossiers en retard' }).getAttribute('href')).toBe('/records?overdue=true');
    await expectAccessible(page);
    await saveScreenshot(page, 'dashboard', { fullPage: true });
    await page.context().close();
  });

  it('shows an auditor no write button on any page, where the other roles have theirs', async () => {
    const writeButtons = /Nouveau dossier|Déclencher les échéances dues|Avancer l'horloge/;
    const page = await openAs('auditor', '/');
    for (const path of ['/', '/records', '/deadlines', '/indicators', '/audit']) {
      await page.goto(`${service.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      // The page has its data once no loading notice is left (the network is never idle: the live stream stays open).
      // A locator, not waitForFunction: its predicate string is eval'd in the page, which the console's CSP forbids.
      await page.locator('[role=status]', { hasText: 'Chargement' }).first().waitFor({ state: 'detached' });
      expect({ path, buttons: await page.getByRole('button', { name: writeButtons }).count() }).toEqual({ path, buttons: 0 });
      await expectAccessible(page);
    }
    // The clock page is the scheduler's: an auditor is sent home.
    await page.goto(`${service.url}/clock`);
    await page.waitForURL((url) => url.pathname === '/');
    await page.context().close();

    const administrator = await openAs('administrator', '/records');
    await administrator.getByRole('button', { name: 'Nouveau dossier' }).waitFor();
    await administrator.goto(`${service.url}/deadlines`);
    await administrator.getByRole('heading', { name: 'Échéances', level: 1 }).waitFor();
    expect(await administrator.getByRole('button', { name: /Déclencher/ }).count()).toBe(0);
    await administrator.context().close();

    const scheduler = await openAs('scheduler', '/deadlines');
    // The service's own scheduler has fired whatever was due: firing now finds nothing, and says so.
    await scheduler.getByRole('button', { name: 'Déclencher les échéances dues maintenant' }).click();
    await scheduler.getByText("Aucune échéance n'était due : rien n'a été déclenché.").waitFor();
    await expectAccessible(scheduler);
    await scheduler.context().close();
  });

  it('checks every record from the audit page with its progress, failures first, exports the histories and the open data of a period', async () => {
    const page = await openAs('auditor', '/audit');
    await page.getByRole('heading', { name: 'Données ouvertes' }).waitFor();
    // One history altered in the database behind the service's back: its first event's actor.
    const tampered = draftIds[0];
    await service.test.app
      .get(Database)
      .dataSource.query(`UPDATE events SET actor = 'mallory' WHERE instance_id = '${tampered}' AND seq = 1`);
    const records = (await service.request('GET', '/api/instances?limit=1', undefined, bearer('auditor'))).body.total as number;
    await page.getByRole('button', { name: 'Tout vérifier' }).click();
    await page.getByText(`Vérification terminée : ${records} dossiers vérifiés sur ${records}, 1 anomalie.`).waitFor();
    expect(await page.locator('#audit-verify-progress').getAttribute('value')).toBe(String(records));
    const results = await tableRows(page, /Résultat de la vérification/);
    expect(results).toHaveLength(records);
    // The failure comes first, with a link to its record; every other record is intact.
    expect(results[0].slice(0, 4)).toEqual(['Atelier numérique n° 1', 'Appel à projets', 'Anomalie', '1']);
    expect(await page.getByRole('link', { name: 'Atelier numérique n° 1', exact: true }).getAttribute('href')).toBe(`/records/${tampered}`);
    for (const row of results.slice(1)) expect(row[2]).toBe('Intègre');
    await expectAccessible(page);
    await saveScreenshot(page, 'audit', { fullPage: true });

    // The export is the API's JSON Lines, fetched with the session's token: here the one cohort's history.
    await page.getByLabel('Type de dossier').selectOption('cohort');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: "Télécharger l'export (JSON Lines)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-export-.+\.jsonl$/);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ record: 'export', format: 'procurement-engine-audit-export' });
    expect(lines.filter((line) => line.record === 'instance').map((line) => line.instanceId)).toEqual([cohortId]);
    expect(lines[lines.length - 1]).toMatchObject({ record: 'end', instances: 1 });

    // Open data of June 2022: no contract notified yet (an empty DECP document), the published tender's OCDS release.
    await page.getByLabel('Du', { exact: true }).fill('2022-06-01');
    await page.getByLabel('Au', { exact: true }).fill('2022-06-30');
    const openData = async (button: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      return { name: file.suggestedFilename(), body: JSON.parse(readFileSync(await file.path(), 'utf8')) as Record<string, any> };
    };
    const decp = await openData('Télécharger les DECP (JSON)');
    expect(decp).toEqual({ name: 'decp-2022-06-01-2022-06-30.json', body: { marches: { marche: [] } } });
    const ocds = await openData("Télécharger l'OCDS (JSON)");
    expect(ocds.name).toBe('ocds-2022-06-01-2022-06-30.json');
    expect(ocds.body.releases.map((release: { tag: string[] }) => release.tag)).toEqual([['tender']]);
    await page.getByText('Le fichier a été téléchargé.').waitFor();
    await expectAccessible(page);
    await page.context().close();
  });

  it('shows a 404 page with a way home', async () => {
    const page = await openAs('auditor', '/no-such-page');
    await page.getByRole('heading', { name: 'Page non trouvée', level: 1 }).waitFor();
    await expectAccessible(page);
    await page.getByRole('link', { name: "Page d'accueil" }).click();
    await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    await page.context().close();
  });

  // Last: moving the clock changes what the other pages show.
  it('lets a scheduler move the simulated clock and shows what fired on the way', async () => {
    const page = await openAs('scheduler', '/clock');
    await page.getByText('1 juin 2022, 08:00').first().waitFor();
    await expectAccessible(page);
    await page.getByLabel("Avancer jusqu'au").fill('2022-06-11T09:00');
    await page.getByRole('button', { name: "Avancer l'horloge" }).click();
    // The tender received no bid: closing its bids makes it unsuccessful (seed 000's rule).
    const fired = await tableRows(page, 'Échéances déclenchées en chemin');
    expect(fired).toEqual([
      ['10 juin 2022, 12:00', 'Clôture des offres à la date limite', seed001TenderInput.title, 'Appliquée', 'Infructueux'],
    ]);
    await page.getByText('11 juin 2022, 09:00').first().waitFor();
    await expectAccessible(page);
    // The API agrees: the tender is unsuccessful and the clock is where the page says.
    expect((await service.request('GET', `/api/instances/${tenderId}`, undefined, bearer('auditor'))).body.state).toBe('unsuccessful');
    expect((await service.request('GET', '/api/clock', undefined, bearer('auditor'))).body.now).toBe('2022-06-11T07:00:00.000Z');
    await page.context().close();
  });
});
