import type { SlaRecord, SlaStore } from "../../ports/sla-store.js";

/** What a test makes the store do on one save call instead of (or before) a plain save. */
export type SaveFault =
  /** The process dies during the write: it throws and nothing is stored. */
  | { kind: "crash"; error?: Error }
  /** Another writer gets in first: `write` runs, then this save goes ahead against the moved record. */
  | { kind: "concurrent"; write: () => Promise<void> };

interface Stored {
  record: SlaRecord;
  nextDueAt: number | undefined;
}

/**
 * An in-memory `SlaStore` that keeps the DynamoDB adapter's promises: `start` never overwrites, `save` is
 * conditional on the version it was read at, and `due` answers from the due-time index only. Counters and
 * injected faults let tests see what the domain read and what happens when a write fails.
 */
export class MemorySlaStore implements SlaStore {
  private readonly items = new Map<number, Stored>();
  private readonly faults = new Map<number, SaveFault>();
  /** Records handed out by `get` and `due`. */
  reads = 0;
  /** Calls to `save`, faulty ones included. */
  saves = 0;

  async start(
    record: Omit<SlaRecord, "version" | "escalated" | "pendingAlerts">,
    nextDueAt: number | undefined,
  ): Promise<void> {
    if (this.items.has(record.clock.ticketId)) return;
    this.put({ ...record, version: 0, escalated: [], pendingAlerts: [] }, nextDueAt);
  }

  async get(ticketId: number): Promise<SlaRecord | undefined> {
    const stored = this.items.get(ticketId);
    if (!stored) return undefined;
    this.reads++;
    return structuredClone(stored.record);
  }

  async due(now: number, limit: number): Promise<SlaRecord[]> {
    const due = [...this.items.values()]
      .filter((s): s is Stored & { nextDueAt: number } => s.nextDueAt !== undefined && s.nextDueAt <= now)
      .sort((a, b) => a.nextDueAt - b.nextDueAt || a.record.clock.ticketId - b.record.clock.ticketId)
      .slice(0, limit);
    this.reads += due.length;
    return due.map((s) => structuredClone(s.record));
  }

  async save(record: SlaRecord, nextDueAt: number | undefined): Promise<boolean> {
    this.saves++;
    const fault = this.faults.get(this.saves);
    this.faults.delete(this.saves);
    if (fault?.kind === "crash") throw fault.error ?? new Error(`simulated crash on save ${this.saves}`);
    if (fault?.kind === "concurrent") await fault.write();
    const stored = this.items.get(record.clock.ticketId);
    if (!stored || stored.record.version !== record.version) return false;
    this.put({ ...record, version: record.version + 1 }, nextDueAt);
    return true;
  }

  /** Makes the `n`th save call from now (1 = the next one) fail as `fault` says. */
  failSave(n: number, fault: SaveFault = { kind: "crash" }): void {
    this.faults.set(this.saves + n, fault);
  }

  /** Drops faults no save has reached yet. */
  clearFaults(): void {
    this.faults.clear();
  }

  /** Stores a record as is, bypassing counters and version checks: test setup, or another writer. */
  put(record: SlaRecord, nextDueAt: number | undefined): void {
    this.items.set(record.clock.ticketId, { record: structuredClone(record), nextDueAt });
  }

  /** The stored record, without counting a read. */
  peek(ticketId: number): SlaRecord | undefined {
    const stored = this.items.get(ticketId);
    return stored && structuredClone(stored.record);
  }

  /** Where the record sits in the due-time index; undefined when it is not in it. */
  dueAt(ticketId: number): number | undefined {
    return this.items.get(ticketId)?.nextDueAt;
  }
}
