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

/** A clock that only moves when told to (POST /api/clock), for rehearsing a calendar and for tests. */
export class SimulatedClock extends Clock {
  readonly simulated = true;
  private current: number;

  constructor(start: Date) {
    super();
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves forward only: the past has happened. */
  set(instant: Date): void {
    if (instant.getTime() < this.current) {
      throw new RangeError(`The simulated clock only moves forward (now ${this.now().toISOString()}).`);
    }
    this.current = instant.getTime();
  }
}
