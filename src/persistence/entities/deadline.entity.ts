import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A pending deadline, derived from an instance's snapshot and rewritten with every event of that
 * instance. The scheduler claims due rows and sends their event through the engine.
 */
@Entity('deadlines')
@Index('ix_deadlines_due', ['dueAt'])
@Index('ix_deadlines_instance', ['instanceId'])
@Index('ix_deadlines_pending_due', ['dueAt', 'instanceId', 'failure'], { where: 'failure IS NULL' })
@Index('ix_deadlines_failed', ['instanceId', 'failure'], { where: 'failure IS NOT NULL' })
@Index('ix_deadlines_timers_due', ['dueAt', 'id'], { where: 'failure IS NULL AND duty = 0' })
export class DeadlineEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column('varchar', { length: 36, name: 'instance_id' }) instanceId!: string;
  @Column('varchar', { length: 64 }) kind!: string;
  @Column('varchar', { length: 64 }) event!: string;
  @Column('text') payload!: string;
  @Column('varchar', { length: 30, name: 'due_at' }) dueAt!: string;
  @Column('varchar', { length: 300 }) label!: string;
  /** The instance version the deadline was derived at: a poke for an older version is stale. */
  @Column('integer', { name: 'instance_version' }) instanceVersion!: number;
  @Column('varchar', { length: 100, name: 'claimed_by', nullable: true }) claimedBy!: string | null;
  @Column('varchar', { length: 30, name: 'claimed_until', nullable: true }) claimedUntil!: string | null;
  /** Set when the machine refused the due event: kept visible in the agenda, not retried. */
  @Column('text', { name: 'failure', nullable: true }) failure!: string | null;
  /** 1 for a duty (someone must send the event; the scheduler never claims it), 0 for a timer. */
  @Column('integer', { default: 0 }) duty!: number;
}
