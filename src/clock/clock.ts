/** The one source of "now" in the service (DESIGN rule 7): real in production, simulated to rehearse. */
export abstract class Clock {
  abstract now(): Date;
  abstract readonly simulated: boolean;
}

export class RealClock extends Clock {
  readonly simulated = false;
  now(): Date {
    return new Date();
  }
}

/** Where a simulated clock keeps its time, so that it outlives the process and is shared by the nodes of one database. */
export interface ClockStore {
  /** The stored time (UTC ISO), if any. */
  load(): Promise<string | undefined>;
  /** Stores `instant` unless a later time is stored; durable when it returns; returns the stored time. */
  advance(instant: string): Promise<string>;
}

/**
 * A clock that only moves when told to (POST /api/clock), for rehearsing a calendar and for tests.
 * With a store, its time is kept in the database: `resume` starts from it, `advanceTo` writes it
 * before returning, and `refresh` adopts a later time another node stored. It never goes back.
 */
export class SimulatedClock extends Clock {
  readonly simulated = true;
  private current: number;

  constructor(
    start: Date,
    private readonly store?: ClockStore,
  ) {
    super();
    this.current = start.getTime();
  }

  /**
   * The clock of a starting node: the stored time, or `start` (CLOCK_START) when it is later or when
   * nothing is stored yet (then now). What it starts from is stored at once.
   */
  static async resume(store: ClockStore, start?: Date): Promise<SimulatedClock> {
    const stored = await store.load();
    const requested = (start ?? (stored === undefined ? new Date() : undefined))?.toISOString();
    const begin = stored === undefined || (requested !== undefined && requested > stored) ? requested! : stored;
    return new SimulatedClock(new Date(await store.advance(begin)), store);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves forward only: the past has happened. In memory only; `advanceTo` also stores it. */
  set(instant: Date): void {
    if (instant.getTime() < this.current) {
      throw new RangeError(`The simulated clock only moves forward (now ${this.now().toISOString()}).`);
    }
    this.current = instant.getTime();
  }

  /**
   * Moves forward to `instant`, stored durably before it returns. When another node has stored a
   * later time meanwhile, the clock takes that one (it never goes back); an earlier instant is no move.
   */
  async advanceTo(instant: Date): Promise<void> {
    const target = Math.max(instant.getTime(), this.current);
    const stored = this.store ? Date.parse(await this.store.advance(new Date(target).toISOString())) : target;
    this.current = Math.max(this.current, stored);
  }

  /** Adopts the stored time when it is later than this node's (another node moved the clock). */
  async refresh(): Promise<void> {
    if (!this.store) return;
    const stored = await this.store.load();
    if (stored !== undefined) this.current = Math.max(this.current, Date.parse(stored));
  }
}
