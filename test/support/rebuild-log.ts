import type { INestApplication } from '@nestjs/common';
import { Database } from '../../src/persistence/database';
import { TransparencyRepository } from '../../src/persistence/repositories/transparency.repository';

/**
 * The transparency log rebuilt from the events as they are now, as whoever can write the database could
 * do: the leaves kept in the events erased, both of the log's migrations undone (its tables and
 * checkpoints dropped) and run again (the leaves backfilled from the events, then moved into them); the
 * service's memory of the tree forgotten.
 */
export async function rebuildLogFromEvents(app: INestApplication): Promise<void> {
  const data = app.get(Database).dataSource;
  await data.query('UPDATE events SET leaf_index = NULL, leaf_hash = NULL');
  await data.undoLastMigration({ transaction: 'each' });
  await data.undoLastMigration({ transaction: 'each' });
  await data.runMigrations({ transaction: 'each' });
  app.get(TransparencyRepository).forget();
}
