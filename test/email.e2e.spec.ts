import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { IDF_ACSE_PARTNERSHIP_V3 } from '../machines/convention/convention.examples';
import { messageIdOf } from '../src/notifications/message-id.util';
import { reminderIdOf, remindAtOf } from '../src/notifications/reminder.util';
import { ReminderRepository } from '../src/persistence/repositories/reminder.repository';
import { ConventionDriver, type HistoryEvent } from './support/convention-helpers';
import { eventually, FAST_RETRIES } from './support/notifications';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server on loopback (smtp-server), no TLS, no authentication: parses every message it
 * accepts (mailparser). `refuse(attempt)` may answer a message with a reply code (451: try later).
 */
class SmtpReceiver {
  readonly accepted: ReceivedMail[] = [];
  attempts = 0;
  refuse: (attempt: number) => number | undefined = () => undefined;
  private server!: SMTPServer;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
        this.attempts += 1;
        const refused = this.refuse(this.attempts);
        simpleParser(stream)
          .then((mail) => {
            if (refused !== undefined) {
              callback(Object.assign(new Error('Try again later'), { responseCode: refused }));
              return;
            }
            this.accepted.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
  }

  get port(): number {
    return (this.server.server.address() as AddressInfo).port;
  }

  env(): Record<string, string> {
    return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(this.port), SMTP_SECURE: 'none', SMTP_FROM: 'Achats <achats@creativ.example>' };
  }

  to(address: string): ParsedMail[] {
    return this.accepted.filter((entry) => entry.to.includes(address)).map((entry) => entry.mail);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const BUYER = { name: 'Claire Martin', email: 'claire.martin@creativ.example' };
const COOP = 'contact@coaching-coop.example';
const CONSEIL = 'offres@insertion-conseil.example';

const bid = (name: string, identifier: string, priceInclVatCents: number, contactEmail: string) => ({
  type: 'SUBMIT_BID',
  at: '2022-07-01T09:00:00+02:00',
  bidder: { name, identifier },
  priceExclVatCents: Math.round(priceInclVatCents / 1.2),
  priceInclVatCents,
  documents: completeDocuments,
  contactEmail,
});

/** Seed 001 on tender@3 with its buyer's contact and the bidders' e-mails, attributed to B1; returns its id and ATTRIBUTE's seq. */
async function attributedTender(t: TestApp): Promise<{ id: string; seq: number }> {
  const created = await t.request('POST', '/api/instances', {
    kind: 'tender',
    input: { ...seed001TenderInput, contact: BUYER },
    at: '2022-06-28T08:00:00+02:00',
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  let seq = 1;
  for (const body of [
    { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' },
    bid('Coaching Coop', '11111111100014', 3_800_000, COOP),
    bid('Insertion Conseil', '22222222200028', 3_500_000, CONSEIL),
    { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00' },
    { type: 'SCORE_BID', at: '2022-08-10T09:00:00+02:00', bidId: 'B1', scores: { technical: 80 } },
    { type: 'SCORE_BID', at: '2022-08-10T10:00:00+02:00', bidId: 'B2', scores: { technical: 60 } },
    { type: 'ATTRIBUTE', at: '2022-08-24T09:00:00+02:00', bidId: 'B1' },
  ]) {
    const sent = await t.request('POST', `/api/instances/${id}/events`, body);
    if (sent.status !== 200) throw new Error(`${body.type}: ${sent.status} ${JSON.stringify(sent.body)}`);
    seq = sent.body.version as number;
  }
  return { id, seq };
}

describe.each(testDatabases())('e-mail and reminders ($name)', (database) => {
  describe('contacts', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database);
    });

    afterAll(async () => {
      await t?.close();
    });

    it('refuses a contact or a bidder e-mail that is no address, naming the field', async () => {
      const refused = await t.request('POST', '/api/instances', { kind: 'tender', input: { contact: { email: 'claire.martin' } } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ pointer: '/contact/email', messages: ['must be an e-mail address such as achats@example.org'] }),
      ]);
      // An empty contact, as a form sends an optional group left blank, is none; a name alone is refused.
      const blank = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'No contact yet', contact: {} } });
      expect(blank.status).toBe(201);
      const nameOnly = await t.request('POST', '/api/instances', { kind: 'tender', input: { contact: { name: 'Claire Martin' } } });
      expect(nameOnly.status).toBe(400);
      expect(nameOnly.body.errors).toEqual([expect.objectContaining({ pointer: '/contact' })]);
      const party = { ...IDF_ACSE_PARTNERSHIP_V3.parties![0], contact: { email: 'x@' } };
      const convention = await t.request('POST', '/api/instances', { kind: 'convention', input: { parties: [party] } });
      expect(convention.status).toBe(400);
      const prefet = { ...IDF_ACSE_PARTNERSHIP_V3.coSignatories![0], contact: { name: 'Cabinet', email: 'cabinet@prefet.example' } };
      const withCoSignatory = await t.request('POST', '/api/instances', {
        kind: 'convention',
        input: { ...IDF_ACSE_PARTNERSHIP_V3, coSignatories: [prefet] },
      });
      expect(withCoSignatory.status).toBe(201);
      expect(withCoSignatory.body.context.coSignatories[0].contact).toEqual(prefet.contact);
      const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { ...seed001TenderInput, contact: BUYER } });
      expect(created.status).toBe(201);
      expect(created.body.context.contact).toEqual(BUYER);
    });
  });

  describe('e-mail through a real SMTP server', () => {
    let smtp: SmtpReceiver;
    let t: TestApp;

    beforeEach(async () => {
      smtp = new SmtpReceiver();
      await smtp.start();
      t = await startTestApp(database, { ...FAST_RETRIES, ...smtp.env() });
    });

    afterEach(async () => {
      await t?.close();
      await smtp?.stop();
    });

    it('sends each rejected bidder its French letter with its rank and scores, the winner its award, the buyer the rest; the Message-ID is the stable id', async () => {
      const { id, seq } = await attributedTender(t);
      await eventually(() => expect(smtp.accepted).toHaveLength(4));

      const [letter] = smtp.to(CONSEIL);
      expect(smtp.to(CONSEIL)).toHaveLength(1);
      expect(letter.subject).toBe(`${seed001TenderInput.title} : votre offre B2 n'a pas été retenue`);
      expect(letter.messageId).toBe(`<${messageIdOf(id, seq, 0)}@creativ.example>`);
      expect(letter.from?.value).toEqual([{ name: 'Achats', address: 'achats@creativ.example' }]);
      expect(letter.text).toContain("Nous avons le regret de vous informer que votre offre (B2) n'a pas été retenue.");
      expect(letter.text).toContain('Votre offre est classée 2e sur 2 offres classées. Ses notes :');
      expect(letter.text).toMatch(
        /- Valeur technique de l'offre : 36 points sur 60\n- Prix : 40 points sur 40\n- Total : 76 points sur 100/,
      );
      expect(letter.text).toContain("L'offre retenue est celle de Coaching Coop, avec 84,84 points sur 100.");

      const [award] = smtp.to(COOP);
      expect(smtp.to(COOP)).toHaveLength(1);
      expect(award.subject).toBe(`${seed001TenderInput.title} : votre offre B1 a été retenue`);
      expect(award.messageId).toBe(`<${messageIdOf(id, seq, 1)}@creativ.example>`);
      expect(award.text).toContain('Note obtenue : 84,84 points sur 100.');

      // The buyer's person in charge: the fallback template, once per message.
      expect(
        smtp
          .to(BUYER.email)
          .map((mail) => mail.subject)
          .sort(),
      ).toEqual([
        `Attribution : information des candidats non retenus — la consultation « ${seed001TenderInput.title} »`,
        `Attribution : offre retenue — la consultation « ${seed001TenderInput.title} »`,
      ]);

      // The server accepted it; the attempt is recorded right after.
      await eventually(async () => {
        const listed = await t.request('GET', `/api/notifications?instanceId=${id}&channel=email`);
        expect(listed.status).toBe(200);
        expect(listed.body.total).toBe(4);
        const toConseil = listed.body.items.find((item: { recipient: string }) => item.recipient === CONSEIL);
        expect(toConseil).toMatchObject({
          channel: 'email',
          subscriptionId: null,
          url: `mailto:${CONSEIL}`,
          messageId: messageIdOf(id, seq, 0),
          type: 'informRejectedBidders',
          status: 'delivered',
          attempts: 1,
          lastStatusCode: 250,
        });
      });
    });

    it('retries when the server answers 451 at first, then delivers; ends dead after the last attempt, and the retry route sends it again', async () => {
      // Two refusals, then accepted: the third attempt delivers.
      smtp.refuse = (attempt) => (attempt <= 2 ? 451 : undefined);
      const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'À annuler', contact: BUYER } });
      const cancelled = await t.request('POST', `/api/instances/${created.body.id}/events`, { type: 'CANCEL', reason: 'Budget retiré' });
      expect(cancelled.status).toBe(200);
      const messageId = messageIdOf(created.body.id, 2, 0);
      const delivered = await eventually(async () => {
        const page = await t.request('GET', `/api/notifications?instanceId=${created.body.id}`);
        expect(page.body.items).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, channel: 'email' })]);
        return page.body.items[0];
      });
      expect(delivered).toMatchObject({ recipient: BUYER.email, lastStatusCode: 250, messageId });
      expect(smtp.attempts).toBe(3);
      expect(smtp.accepted.map((entry) => entry.mail.messageId)).toEqual([`<${messageId}@creativ.example>`]);
      expect(smtp.accepted[0].mail.subject).toBe('Consultation annulée — la consultation « À annuler »');

      // Always refused: dead after WEBHOOK_MAX_ATTEMPTS (3), with the server's reply.
      smtp.refuse = () => 451;
      const other = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Autre', contact: BUYER } });
      await t.request('POST', `/api/instances/${other.body.id}/events`, { type: 'CANCEL', reason: 'Budget retiré' });
      const dead = await eventually(async () => {
        const page = await t.request('GET', `/api/notifications?instanceId=${other.body.id}`);
        expect(page.body.items).toEqual([expect.objectContaining({ status: 'dead', attempts: 3 })]);
        return page.body.items[0];
      });
      expect(dead.lastStatusCode).toBe(451);
      expect(dead.lastError).toMatch(/Try again later/);

      smtp.refuse = () => undefined;
      const retried = await t.request('POST', `/api/notifications/${dead.id}/retry`);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
      await eventually(() => expect(smtp.accepted).toHaveLength(2));
      expect(smtp.accepted[1].mail.messageId).toBe(`<${messageIdOf(other.body.id, 2, 0)}@creativ.example>`);
    });
  });

  describe('reminders on the simulated clock: seed 004 over three years', () => {
    let smtp: SmtpReceiver;
    let t: TestApp;

    beforeAll(async () => {
      smtp = new SmtpReceiver();
      await smtp.start();
      t = await startTestApp(database, {
        ...FAST_RETRIES,
        ...smtp.env(),
        CLOCK: 'simulated',
        CLOCK_START: '2008-07-01T09:00:00+02:00',
        SCHEDULER: 'on',
        REMINDER_OFFSETS: 'convention:P7D,P1D',
      });
    });

    afterAll(async () => {
      await t?.close();
      await smtp?.stop();
    });

    it('sends every committee and report reminder once, to each party’s contact, when the clock reaches a week and a day before', async () => {
      const contacts = { 'region-idf': 'europe@iledefrance.example', acse: 'delegation@acse.example' };
      const c = new ConventionDriver(t);
      await c.create({
        ...IDF_ACSE_PARTNERSHIP_V3,
        parties: IDF_ACSE_PARTNERSHIP_V3.parties!.map((party) => ({
          ...party,
          contact: { email: contacts[party.id as keyof typeof contacts] },
        })),
      });
      await c.send({ type: 'OPEN_FOR_SIGNATURE' });
      await c.advanceTo('2008-07-11T10:00:00+02:00');
      for (const party of ['region-idf', 'acse', 'prefet-idf']) await c.send({ type: 'SIGN', party });
      const reminders = t.app.get(ReminderRepository);

      // A month at a time for three years and a bit: after each step, a reminder is in the outbox if and
      // only if its time has come.
      let now = '2008-07-11T08:00:00.000Z';
      for (let month = 1; month <= 38; month += 1) {
        const moved = await c.advance({ advanceBy: 'P1M' });
        now = moved.now;
        const pending = await reminders.ofInstance(c.id);
        expect(pending.filter((reminder) => reminder.remindAt <= now)).toEqual([]);
        const sent = await sentReminders(t, c.id);
        expect(sent.filter((message) => message.params.remindAt > now)).toEqual([]);
      }

      // What the schedule implies: each committee and report occurrence that fell due, a week and a day before.
      const history = await c.history();
      const dutiesDue = history.filter((event: HistoryEvent) => event.type === 'DUTY_DUE');
      const expected = dutiesDue
        .flatMap((event) =>
          ['P7D', 'P1D'].map(
            (offset) => `${String(event.payload.dutyId)}#${String(event.payload.sequence)} ${offset} ${remindAtOf(event.at, offset)}`,
          ),
        )
        .sort();
      const sent = await sentReminders(t, c.id);
      const duties = sent
        .filter((message) => message.params.event === 'DUTY_DUE')
        .map(
          (message) =>
            `${String(message.params.payload.dutyId)}#${String(message.params.payload.sequence)} ${message.params.offset} ${message.params.remindAt}`,
        )
        .sort();
      expect(duties).toEqual(expected);
      // Three years: 12 technical committees (one a quarter), 3 steering committees, 3 evaluation reports.
      const byDuty = (dutyId: string) => dutiesDue.filter((event) => event.payload.dutyId === dutyId).length;
      expect([byDuty('technicalCommittee'), byDuty('steeringCommittee'), byDuty('evaluationReport')]).toEqual([12, 3, 3]);
      expect(duties).toHaveLength(2 * 18);
      // Each reminder once: no two messages with the same id.
      expect(new Set(sent.map((message) => message.messageId)).size).toBe(sent.length);

      // Every reminder reached both parties' contacts, once each, by e-mail, with its Message-ID.
      await eventually(
        () => expect(smtp.accepted.filter((entry) => entry.mail.subject?.startsWith('Rappel'))).toHaveLength(2 * sent.length),
        30_000,
      );
      for (const address of Object.values(contacts)) {
        const ids = smtp
          .to(address)
          .filter((mail) => mail.subject?.startsWith('Rappel'))
          .map((mail) => mail.messageId);
        expect(ids.sort()).toEqual(sent.map((message) => `<${message.messageId}@creativ.example>`).sort());
      }
      // French typography: a no-break space between a number and its unit (Intl's "7 jours").
      const plain = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');
      const technical = smtp
        .to(contacts.acse)
        .find((mail) =>
          plain(mail.subject)?.startsWith('Rappel : la réunion « Comité technique (une fois par trimestre) » (n° 1) dans 7 jours'),
        );
      expect(plain(technical?.subject)).toBe(
        `Rappel : la réunion « Comité technique (une fois par trimestre) » (n° 1) dans 7 jours — la convention « ${IDF_ACSE_PARTNERSHIP_V3.title} »`,
      );
      expect(plain(technical?.text)).toContain(
        `Pour la convention « ${IDF_ACSE_PARTNERSHIP_V3.title} », la réunion « Comité technique (une fois par trimestre) » (n° 1) tombe le samedi 11 octobre 2008 à 00 h 00, dans 7 jours.`,
      );
    }, 120_000);
  });

  it('keeps the reminders derived with the deadlines across a stop: the next start sends them when their time comes', async () => {
    const env = { CLOCK: 'simulated', CLOCK_START: '2022-06-20T09:00:00+02:00', REMINDER_OFFSETS: 'tender:P7D' };
    const first = await startTestApp(database, env, database.url());
    const url = first.databaseUrl;
    let id: string;
    try {
      const created = await first.request('POST', '/api/instances', { kind: 'tender', input: { ...seed001TenderInput, contact: BUYER } });
      id = created.body.id as string;
      expect((await first.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
      expect((await first.app.get(ReminderRepository).ofInstance(id)).map((reminder) => reminder.remindAt)).toEqual([
        '2022-07-29T21:59:59.000Z',
      ]);
    } finally {
      await first.close();
    }
    const second = await startTestApp(database, { ...env, SCHEDULER: 'on' }, url);
    try {
      expect(await sentReminders(second, id)).toEqual([]);
      expect((await second.request('POST', '/api/clock', { advanceTo: '2022-07-30T09:00:00+02:00' })).status).toBe(200);
      expect((await sentReminders(second, id)).map((message) => message.params.remindAt)).toEqual(['2022-07-29T21:59:59.000Z']);
    } finally {
      await second.close();
      await database.cleanup(url);
    }
  });

  describe('reminders of deadlines that go before their time', () => {
    let smtp: SmtpReceiver;
    let hooks: Server;
    const received: { id: string; body: { type: string; data: { instanceId: string; params: SentReminder['params'] } } }[] = [];
    let t: TestApp;

    beforeAll(async () => {
      smtp = new SmtpReceiver();
      await smtp.start();
      hooks = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          received.push({ id: request.headers['webhook-id'] as string, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
      t = await startTestApp(database, {
        ...FAST_RETRIES,
        ...smtp.env(),
        CLOCK: 'simulated',
        CLOCK_START: '2022-06-20T09:00:00+02:00',
        SCHEDULER: 'on',
        REMINDER_OFFSETS: 'tender:P7D,P1D',
      });
    });

    afterAll(async () => {
      await t?.close();
      await smtp?.stop();
      hooks.closeAllConnections();
      await new Promise<void>((resolve) => hooks.close(() => resolve()));
    });

    it('sends the bid deadline’s reminders to webhook subscribers and the buyer, and none for a tender cancelled before them', async () => {
      const url = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/reminders`;
      const subscribed = await t.request('POST', '/api/webhooks', { url, events: ['reminder'] });
      expect(subscribed.status).toBe(201);
      const publish = async () => {
        const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { ...seed001TenderInput, contact: BUYER } });
        expect((await t.request('POST', `/api/instances/${created.body.id}/events`, { type: 'PUBLISH' })).status).toBe(200);
        return created.body.id as string;
      };
      const kept = await publish();
      const cancelled = await publish();
      expect((await t.request('POST', '/api/clock', { advanceTo: '2022-07-01T09:00:00+02:00' })).status).toBe(200);
      expect((await t.request('POST', `/api/instances/${cancelled}/events`, { type: 'CANCEL', reason: 'Budget retiré' })).status).toBe(200);
      expect(await t.app.get(ReminderRepository).ofInstance(cancelled)).toEqual([]);

      // Past the bid deadline (5 August, 23:59:59 in Paris), then a year on: the kept tender's two reminders, once.
      expect((await t.request('POST', '/api/clock', { advanceTo: '2022-08-10T09:00:00+02:00' })).status).toBe(200);
      expect((await t.request('POST', '/api/clock', { advanceBy: 'P1Y' })).status).toBe(200);
      const dueAt = '2022-08-05T21:59:59.000Z';
      const expected = ['P7D', 'P1D'].map((offset) => reminderIdOf(kept, { event: 'CLOSE_BIDS', payload: {}, dueAt }, offset));
      await eventually(() => expect(received.map((entry) => entry.id).sort()).toEqual([...expected].sort()));
      expect(received.map((entry) => [entry.body.type, entry.body.data.instanceId, entry.body.data.params.remindAt]).sort()).toEqual([
        ['reminder', kept, '2022-07-29T21:59:59.000Z'],
        ['reminder', kept, '2022-08-04T21:59:59.000Z'],
      ]);
      await eventually(() =>
        expect(
          smtp
            .to(BUYER.email)
            .filter((mail) => mail.subject?.startsWith('Rappel'))
            .map((mail) => mail.messageId)
            .sort(),
        ).toEqual(expected.map((id) => `<${id}@creativ.example>`).sort()),
      );
      expect(await sentReminders(t, cancelled)).toEqual([]);
    });
  });
});

interface SentReminder {
  messageId: string;
  params: { event: string; payload: Record<string, unknown>; offset: string; remindAt: string; dueAt: string };
}

/** The record's reminder messages in its outbox. */
async function sentReminders(t: TestApp, id: string): Promise<SentReminder[]> {
  const page = await t.request('GET', `/api/instances/${id}/notifications?limit=500`);
  expect(page.status).toBe(200);
  return (page.body.items as (SentReminder & { type: string })[]).filter((message) => message.type === 'reminder');
}
