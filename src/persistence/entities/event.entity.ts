import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One step of one instance's history: append-only, numbered per instance (the primary key is the
 * concurrency check), hash-chained.
 */
@Entity('events')
export class EventEntity {
  @PrimaryColumn('varchar', { length: 36, name: 'instance_id' }) instanceId!: string;
  @PrimaryColumn('integer') seq!: number;
  @Column('varchar', { length: 64 }) type!: string;
  @Column('text') payload!: string;
  @Column('varchar', { length: 200 }) actor!: string;
  /** The business instant of the event (ISO 8601, UTC). */
  @Column('varchar', { length: 30 }) at!: string;
  /** When the service recorded it (real clock, ISO 8601, UTC). */
  @Column('varchar', { length: 30, name: 'recorded_at' }) recordedAt!: string;
  @Column('varchar', { length: 64, name: 'prev_hash' }) prevHash!: string;
  @Column('varchar', { length: 64 }) hash!: string;
}
