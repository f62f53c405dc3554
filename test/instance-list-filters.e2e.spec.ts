import { SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import { COHORT_001_GROUP_1 } from '../machines/coaching-cohort/coaching-cohort.examples';
import { Database } from '../src/persistence/database';
import { seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

/*
 * The records list's filters (q, party, created/updated ranges, overdue, status), alone and combined,
 * on five records whose expected answers are worked out by hand below. The records' createdAt and
 * updatedAt are set to known instants in the database, since the service writes them on the real
 * clock.
 */

const SIMULATED = { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' };

/** The five records, by name: which is which is what every expectation below refers to. */
interface Fixture {
  t1: string; // seed 001 tender, published: CLOSE_BIDS due 2022-08-05T21:59:59Z; buyer Creativ' (Dijon Métropole…)
  t2: string; // tender draft "Étude 100% numérique_v2" (wildcards in its title), buyer Région Bourgogne-Franche-Comté
  c1: string; // convention 003 (Châteauroux), draft, eight signatory organisations
  k1: string; // cohort 001 group 1, child of t1
  t3: string; // tender cancelled (done), buyer Ville de Dijon
}

/** createdAt, updatedAt of each record (UTC), newest created first: t3, k1, c1, t2, t1. */
const TIMES: Record<keyof Fixture, [string, string]> = {
  t1: ['2022-06-27T07:00:00.000Z', '2022-07-04T07:00:00.000Z'],
  t2: ['2022-06-28T07:00:00.000Z', '2022-06-28T07:00:00.000Z'],
  c1: ['2022-07-01T07:00:00.000Z', '2022-07-15T07:00:00.000Z'],
  k1: ['2022-07-02T07:00:00.000Z', '2022-07-02T07:00:00.000Z'],
  t3: ['2022-07-03T07:00:00.000Z', '2022-07-05T07:00:00.000Z'],
};

describe.each(testDatabases())('filters of the records list ($name)', (database) => {
  let t: TestApp;
  let url: string;
  const f = {} as Fixture;

  const create = async (kind: string, input: unknown, parentId?: string) => {
    const response = await t.request('POST', '/api/instances', { kind, input, ...(parentId ? { parentId } : {}) });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const send = async (id: string, body: Record<string, unknown>) => {
    const response = await t.request('POST', `/api/instances/${id}/events`, body);
    expect(response.status).toBe(200);
  };
  /** The ids the list answers for a query string, in order, with their names. */
  const names = async (query: string) => {
    const response = await t.request('GET', `/api/instances?${query}`);
    expect(response.status).toBe(200);
    const byId = new Map(Object.entries(f).map(([name, id]) => [id, name]));
    const items = (response.body.items as { id: string }[]).map((item) => byId.get(item.id));
    expect(response.body.total).toBe(items.length);
    return items;
  };

  beforeAll(async () => {
    url = database.url();
    t = await startTestApp(database, SIMULATED, url);
    f.t1 = await create('tender', seed001TenderInput);
    await send(f.t1, { type: 'PUBLISH' });
    f.t2 = await create('tender', { title: 'Étude préalable', buyer: 'Région Bourgogne-Franche-Comté' });
    // The title changes after creation: the list searches the new one.
    await send(f.t2, { type: 'UPDATE_DRAFT', title: 'Étude 100% numérique_v2' });
    f.c1 = await create('convention', SPRO_EP_CHATEAUROUX);
    f.k1 = await create('cohort', COHORT_001_GROUP_1, f.t1);
    f.t3 = await create('tender', { title: 'Accompagnement numérique des seniors', buyer: 'Ville de Dijon' });
    await send(f.t3, { type: 'CANCEL', reason: 'Budget withdrawn' });
    const sql = t.app.get(Database).dataSource;
    for (const [name, [createdAt, updatedAt]] of Object.entries(TIMES)) {
      await sql.query(
        `UPDATE instances SET created_at = '${createdAt}', updated_at = '${updatedAt}' WHERE id = '${f[name as keyof Fixture]}'`,
      );
    }
  });

  afterAll(async () => {
    await t.close();
    await database.cleanup(url);
  });

  it('lists every record newest first, each with its label (a convention’s title too)', async () => {
    const response = await t.request('GET', '/api/instances');
    expect(response.body.items.map((item: { label: string | null }) => item.label)).toEqual([
      'Accompagnement numérique des seniors',
      "Group 1: Fontaine d'Ouche, Grésilles, Quetigny",
      'Convention de mise en œuvre du SPRO-EP pour le bassin de Châteauroux',
      'Étude 100% numérique_v2',
      seed001TenderInput.title,
    ]);
    expect(await names('')).toEqual(['t3', 'k1', 'c1', 't2', 't1']);
  });

  it('q: a part of the label, without regard to case or accents; wildcards are plain characters', async () => {
    expect(await names('q=remobilisation')).toEqual(['t1']);
    expect(await names('q=CHATEAUROUX')).toEqual(['c1']);
    expect(await names(`q=${encodeURIComponent('grésilles')}`)).toEqual(['k1']);
    expect(await names('q=gresilles')).toEqual(['k1']);
    expect(await names(`q=${encodeURIComponent('NUMÉRIQUE')}`)).toEqual(['t3', 't2']);
    expect(await names(`q=${encodeURIComponent('100%')}`)).toEqual(['t2']);
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual(['t2']);
    expect(await names('q=_v2')).toEqual(['t2']);
    expect(await names('q=_')).toEqual(['t2']);
    expect(await names(`q=${encodeURIComponent('  étude   100%  ')}`)).toEqual(['t2']);
    // The title it had before UPDATE_DRAFT is no longer found.
    expect(await names(`q=${encodeURIComponent('préalable')}`)).toEqual([]);
    expect(await names('q=')).toEqual(['t3', 'k1', 'c1', 't2', 't1']);
    expect(await names('q=%20%20&party=&kind=&state=')).toEqual(['t3', 'k1', 'c1', 't2', 't1']);
    expect(await names('q=nowhere')).toEqual([]);
    // Quotes and the escape character are text too.
    expect(await names(`q=${encodeURIComponent('\\\'"')}`)).toEqual([]);
    expect(await names(`party=${encodeURIComponent("creativ' (dijon")}`)).toEqual(['t1']);
  });

  it('party: a tender’s buyer or a convention’s signatory; a cohort has none', async () => {
    expect(await names('party=dijon')).toEqual(['t3', 't1']);
    expect(await names(`party=${encodeURIComponent('creativ’')}`)).toEqual(['t1']);
    expect(await names(`party=${encodeURIComponent('chambre de commerce')}`)).toEqual(['c1']);
    expect(await names(`party=${encodeURIComponent('ohé prométhée')}`)).toEqual(['c1']);
    expect(await names(`party=${encodeURIComponent('franche-comté')}`)).toEqual(['t2']);
    // Two adjacent signatories ("…de l'Indre", then "Ohé Prométhée Indre") are two names, not one text.
    expect(await names(`party=${encodeURIComponent("de l'indre ohé")}`)).toEqual([]);
    // The cohort's group is its label, not a party.
    expect(await names('party=group')).toEqual([]);
    // A title is not a party.
    expect(await names('party=remobilisation')).toEqual([]);
  });

  it('createdFrom (inclusive) and createdTo (exclusive), with any offset', async () => {
    expect(await names('createdFrom=2022-07-01T07:00:00Z')).toEqual(['t3', 'k1', 'c1']);
    expect(await names(`createdFrom=${encodeURIComponent('2022-07-01T09:00:00+02:00')}`)).toEqual(['t3', 'k1', 'c1']);
    expect(await names('createdFrom=2022-07-01T07:00:00.001Z')).toEqual(['t3', 'k1']);
    expect(await names('createdTo=2022-07-01T07:00:00Z')).toEqual(['t2', 't1']);
    expect(await names('createdFrom=2022-06-28T07:00:00Z&createdTo=2022-07-02T07:00:00Z')).toEqual(['c1', 't2']);
    expect(await names('createdFrom=2022-07-02T00:00:00Z&createdTo=2022-07-01T00:00:00Z')).toEqual([]);
  });

  it('updatedFrom (inclusive) and updatedTo (exclusive)', async () => {
    expect(await names('updatedFrom=2022-07-04T07:00:00Z')).toEqual(['t3', 'c1', 't1']);
    expect(await names('updatedTo=2022-07-04T07:00:00Z')).toEqual(['k1', 't2']);
    expect(await names('updatedFrom=2022-07-05T07:00:00Z&updatedTo=2022-07-15T07:00:00Z')).toEqual(['t3']);
  });

  it('status: active or done', async () => {
    expect(await names('status=done')).toEqual(['t3']);
    expect(await names('status=active')).toEqual(['k1', 'c1', 't2', 't1']);
  });

  it('filters combine, with each other and with kind, parent, limit and offset', async () => {
    expect(await names('kind=tender&party=dijon&status=active')).toEqual(['t1']);
    expect(await names(`q=${encodeURIComponent('numérique')}&status=active`)).toEqual(['t2']);
    expect(await names('q=convention&party=indre&createdFrom=2022-07-01T00:00:00Z&createdTo=2022-07-02T00:00:00Z')).toEqual(['c1']);
    expect(await names('q=convention&party=indre&createdTo=2022-07-01T00:00:00Z')).toEqual([]);
    expect(await names('party=dijon&updatedFrom=2022-07-05T00:00:00Z')).toEqual(['t3']);
    expect(await names(`parentId=${f.t1}&q=group`)).toEqual(['k1']);
    expect(await names(`kind=tender&overdue=false&status=active`)).toEqual(['t2', 't1']);
    const page = await t.request('GET', '/api/instances?kind=tender&limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ id: f.t2 }] });
  });

  it('overdue: against the simulated clock, not the real one', async () => {
    // The clock is at 27 June 2022: t1's bids close on 5 August, so nothing is overdue (the real clock is years later).
    expect(await names('overdue=true')).toEqual([]);
    expect(await names('overdue=false')).toEqual(['t3', 'k1', 'c1', 't2', 't1']);
  });

  it('refuses a bad value with one error per field, and answers nothing but 400', async () => {
    const bad = async (query: string) => {
      const response = await t.request('GET', `/api/instances?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      return (response.body.errors as { field: string }[]).map((error) => error.field).sort();
    };
    expect(await bad('createdFrom=yesterday')).toEqual(['createdFrom']);
    expect(await bad('createdTo=2022-02-30T00:00:00Z')).toEqual(['createdTo']);
    expect(await bad('updatedFrom=2022-07-01')).toEqual(['updatedFrom']);
    expect(await bad('updatedTo=2022-07-01T10:00:00')).toEqual(['updatedTo']);
    expect(await bad('overdue=yes')).toEqual(['overdue']);
    expect(await bad('status=closed')).toEqual(['status']);
    expect(await bad(`q=${'a'.repeat(201)}`)).toEqual(['q']);
    expect(await bad('party=a&party=b')).toEqual(['party']);
    expect(await bad('q=%0A')).toEqual(['q']);
    expect(await bad('createdFrom=x&updatedTo=y&overdue=maybe&status=nope&colour=red')).toEqual([
      'colour',
      'createdFrom',
      'overdue',
      'status',
      'updatedTo',
    ]);
  });

  describe('once the simulated clock has passed a deadline that has not fired', () => {
    let later: TestApp;

    beforeAll(async () => {
      // Another start on the same database, the clock moved past 5 August by CLOCK_START; the
      // scheduler is off, so CLOSE_BIDS stays pending and due.
      await t.close();
      later = await startTestApp(database, { ...SIMULATED, CLOCK_START: '2022-08-10T09:00:00+02:00' }, url);
      t = later;
    });

    it('lists t1 as overdue, alone or with other filters', async () => {
      expect(await names('overdue=true')).toEqual(['t1']);
      expect(await names('overdue=false')).toEqual(['t3', 'k1', 'c1', 't2']);
      expect(await names('overdue=true&kind=tender&party=creativ')).toEqual(['t1']);
      expect(await names('overdue=true&status=done')).toEqual([]);
      expect(await names('overdue=true&createdFrom=2022-06-28T00:00:00Z')).toEqual([]);
    });
  });
});
