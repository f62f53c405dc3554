import { loadConfig } from '../config/app-config';
import { HEARTBEAT, LiveChanges, type ChangeSink, type CommittedChange } from './live-changes';

const change = (overrides: Partial<CommittedChange> = {}): CommittedChange => ({
  instanceId: '6f1c1f3e-8a39-4c43-9d3c-1a1de2f0c001',
  kind: 'tender',
  version: 1,
  type: 'CREATED',
  state: 'open.draft',
  stage: 'draft',
  status: 'active',
  at: '2022-06-27T07:00:00.000Z',
  recordedAt: '2026-01-05T10:00:00.000Z',
  actor: 'marie.admin',
  parentId: null,
  organisation: 'default',
  ...overrides,
});

/** A sink that keeps what it is sent, and takes at most `capacity` messages when given one. */
function recordingSink(capacity = Infinity): ChangeSink & { messages: string[]; closed: boolean } {
  const sink = {
    messages: [] as string[],
    closed: false,
    write(text: string) {
      if (sink.messages.length >= capacity) return false;
      sink.messages.push(text);
      return true;
    },
    close() {
      sink.closed = true;
    },
  };
  return sink;
}

describe('LiveChanges, the publisher of committed changes', () => {
  let live: LiveChanges;

  beforeEach(() => {
    live = new LiveChanges(loadConfig({ STREAM_HEARTBEAT_MS: '3600000' }));
  });

  afterEach(() => live.beforeApplicationShutdown());

  it('numbers messages in publication order, also those nobody hears, and sends each as one SSE message', () => {
    live.publish(change());
    const sink = recordingSink();
    live.subscribe({}, sink);
    live.publish(change({ version: 2, type: 'PUBLISH' }));
    expect(live.lastEventId).toBe(2);
    expect(sink.messages).toEqual([`id: 2\nevent: change\ndata: ${JSON.stringify(change({ version: 2, type: 'PUBLISH' }))}\n\n`]);
  });

  it('sends a change only to the subscribers whose filter it matches', () => {
    const all = recordingSink();
    const tenders = recordingSink();
    const cohorts = recordingSink();
    const one = recordingSink();
    live.subscribe({}, all);
    live.subscribe({ kind: 'tender' }, tenders);
    live.subscribe({ kind: 'cohort' }, cohorts);
    live.subscribe({ kind: 'tender', instanceId: 'another' }, one);
    live.publish(change());
    expect([all, tenders, cohorts, one].map((sink) => sink.messages.length)).toEqual([1, 1, 0, 0]);
  });

  it('lets a subscriber go when it unsubscribes (twice is harmless), when it cannot keep up, and at shutdown', () => {
    const leaving = recordingSink();
    const slow = recordingSink(1);
    const staying = recordingSink();
    const unsubscribe = live.subscribe({}, leaving);
    live.subscribe({}, slow);
    live.subscribe({}, staying);
    unsubscribe();
    unsubscribe();
    expect(live.subscriberCount).toBe(2);
    live.publish(change());
    live.publish(change({ version: 2 }));
    expect(slow).toMatchObject({ closed: true, messages: [expect.stringContaining('id: 1\n')] });
    expect(live.subscriberCount).toBe(1);
    expect(staying.messages).toHaveLength(2);
    live.beforeApplicationShutdown();
    expect(staying.closed).toBe(true);
    expect(live.subscriberCount).toBe(0);
    expect(leaving.closed).toBe(false);
  });

  it('sends keep-alive comments to every open stream while there is one', async () => {
    live = new LiveChanges(loadConfig({ STREAM_HEARTBEAT_MS: '10' }));
    const sink = recordingSink();
    const unsubscribe = live.subscribe({ kind: 'cohort' }, sink);
    while (sink.messages.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(new Set(sink.messages)).toEqual(new Set([HEARTBEAT]));
    unsubscribe();
    expect(live.subscriberCount).toBe(0);
  });
});
