import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The current state of one record; the events table is the truth it is folded from. The search
 * columns' indexes depend on the database (trigram GIN on PostgreSQL, a list index on SQLite): see
 * migration 1765300000000.
 */
@Entity('instances')
@Index('ix_instances_kind_stage_state_status', ['kind', 'stage', 'state', 'status'])
@Index('ix_instances_created', ['createdAt', 'id'])
@Index('ix_instances_updated', ['updatedAt', 'id'])
@Index('ix_instances_organisation_created', ['organisation', 'createdAt', 'id'])
@Index('ix_instances_organisation_kind', ['organisation', 'kind', 'stage', 'state', 'status'])
export class InstanceEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 64 }) kind!: string;
  @Column('integer', { name: 'machine_version' }) machineVersion!: number;
  @Column('varchar', { length: 200 }) state!: string;
  @Column('varchar', { length: 32 }) stage!: string;
  @Column('varchar', { length: 16 }) status!: string;
  /** The persisted XState snapshot (value, context, status) as JSON. */
  @Column('text') snapshot!: string;
  @Column('integer') version!: number;
  /** The organisation the record belongs to (a child's is its parent's); see docs/access.md, "Organisations". */
  @Column('varchar', { length: 200 }) organisation!: string;
  @Index('ix_instances_parent') @Column('varchar', { length: 36, name: 'parent_id', nullable: true }) parentId!: string | null;
  @Column('varchar', { length: 64, name: 'head_hash' }) headHash!: string;
  @Column('varchar', { length: 30, name: 'created_at' }) createdAt!: string;
  @Column('varchar', { length: 30, name: 'updated_at' }) updatedAt!: string;
  /** The list's label and the folded search texts, derived from the context (src/kinds/listing.ts); searched by substring, indexed by the migration. */
  @Column('text', { nullable: true }) label!: string | null;
  @Column('text', { name: 'search_label', default: '' }) searchLabel!: string;
  @Column('text', { name: 'search_parties', default: '' }) searchParties!: string;
}
