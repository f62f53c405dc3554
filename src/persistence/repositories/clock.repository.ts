import { Inject, Injectable } from '@nestjs/common';
import type { ClockStore } from '../../clock/clock';
import { Database } from '../database';

/**
 * The simulated clock's stored time (table simulated_clock, one row). Instants are UTC ISO text of one
 * fixed width, so comparing the text compares the instants, in SQL as in JavaScript.
 */
@Injectable()
export class ClockRepository implements ClockStore {
  constructor(@Inject(Database) private readonly database: Database) {}

  async load(): Promise<string | undefined> {
    const row = await this.database.sqlRead((session) => session.one<{ now: string }>('SELECT now FROM simulated_clock WHERE id = 1'));
    return row?.now;
  }

  /**
   * Stores `instant` unless a later time is stored already (another node moved on): the stored time
   * never goes back. Committed before it returns. Returns the stored time, `instant` or later.
   */
  async advance(instant: string): Promise<string> {
    return this.database.sqlTransaction(async (session) => {
      await session.run(
        `INSERT INTO simulated_clock (id, now) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET now = excluded.now WHERE simulated_clock.now < excluded.now`,
        [instant],
      );
      const row = await session.one<{ now: string }>('SELECT now FROM simulated_clock WHERE id = 1');
      return row!.now;
    });
  }
}
