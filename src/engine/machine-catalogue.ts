import type { KindDefinition } from './kind-definition';

/**
 * The machines the service hosts, keyed `kind@version`. New instances use a kind's latest version;
 * an instance stays pinned to the version it was created with, so old histories still replay.
 */
export class MachineCatalogue {
  private readonly byKey = new Map<string, KindDefinition>();
  private readonly latestByKind = new Map<string, KindDefinition>();

  constructor(definitions: KindDefinition[]) {
    for (const definition of definitions) {
      this.byKey.set(MachineCatalogue.key(definition.kind, definition.version), definition);
      const latest = this.latestByKind.get(definition.kind);
      if (!latest || latest.version < definition.version) this.latestByKind.set(definition.kind, definition);
    }
  }

  static key(kind: string, version: number): string {
    return `${kind}@${version}`;
  }

  kinds(): string[] {
    return [...this.latestByKind.keys()];
  }

  latest(kind: string): KindDefinition | undefined {
    return this.latestByKind.get(kind);
  }

  get(kind: string, version: number): KindDefinition | undefined {
    return this.byKey.get(MachineCatalogue.key(kind, version));
  }

  /** The machine a stored instance is pinned to; a record whose version is not loaded cannot be stepped. */
  pinned(row: { kind: string; machineVersion: number }): KindDefinition {
    const definition = this.get(row.kind, Number(row.machineVersion));
    if (!definition) throw new Error(`No machine ${MachineCatalogue.key(row.kind, row.machineVersion)} is loaded`);
    return definition;
  }

  versionsOf(kind: string): KindDefinition[] {
    return [...this.byKey.values()].filter((definition) => definition.kind === kind).sort((a, b) => a.version - b.version);
  }
}
