import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { EmulatorState, StoredFile } from "./state.js";

/** The state's keyed records, each kept as a list of entries on disk. */
const MAPS = [
  "tickets",
  "comments",
  "audits",
  "users",
  "groups",
  "organizations",
  "ticketFields",
  "webhooks",
  "signingSecrets",
  "apiTokens",
  "uploads",
  "attachments",
] as const;

interface Snapshot {
  readonly baseUrl: string;
  readonly maps: Record<(typeof MAPS)[number], Array<[unknown, unknown]>>;
  readonly memberships: EmulatorState["memberships"];
  readonly articles: EmulatorState["articles"];
  readonly files: Array<[string, { attachmentId: number; base64: string }]>;
  readonly ids: Record<string, number>;
  readonly apiUserId: number;
}

/**
 * The emulated account on disk, so the local stack's Zendesk survives a restart as its table does: without
 * it, ticket and user ids started over while the table still linked chats to the old ones, and a customer's
 * follow-up could land on another customer's ticket. Written whole after every change (a local account is
 * small) through a temporary file, so a crash leaves the previous copy. Records name the emulator's URL,
 * whose port changes between runs: it is rewritten on load.
 */
export class EmulatorStateFile {
  constructor(private readonly path: string) {}

  exists(): boolean {
    return existsSync(this.path);
  }

  save(state: EmulatorState): void {
    const maps = Object.fromEntries(
      MAPS.map((name) => [name, [...(state[name] as Map<unknown, unknown>).entries()]]),
    ) as Snapshot["maps"];
    const snapshot: Snapshot = {
      baseUrl: state.config.baseUrl,
      maps,
      memberships: state.memberships,
      articles: state.articles,
      files: [...state.files].map(([token, file]) => [
        token,
        { attachmentId: file.attachmentId, base64: file.bytes.toString("base64") },
      ]),
      ids: Object.fromEntries(Object.entries(state.ids).map(([kind, sequence]) => [kind, sequence.peek()])),
      apiUserId: state.apiUserId,
    };
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(snapshot));
    renameSync(temporary, this.path);
  }

  /** Fills a fresh state with the saved account. */
  load(state: EmulatorState): void {
    const text = readFileSync(this.path, "utf8");
    const { baseUrl } = JSON.parse(text) as Pick<Snapshot, "baseUrl">;
    // Not inside a longer port: `:5000` must not rewrite `:50001`.
    const rewritten = text
      .split(baseUrl)
      .reduce((out, rest) => out + (/^\d/.test(rest) ? baseUrl : state.config.baseUrl) + rest);
    const snapshot = JSON.parse(rewritten) as Snapshot;
    for (const name of MAPS) {
      const map = state[name] as Map<unknown, unknown>;
      map.clear();
      for (const [key, value] of snapshot.maps[name] ?? []) map.set(key, value);
    }
    state.memberships.splice(0, state.memberships.length, ...snapshot.memberships);
    state.articles.splice(0, state.articles.length, ...snapshot.articles);
    state.files.clear();
    for (const [token, file] of snapshot.files) {
      const stored: StoredFile = {
        attachmentId: file.attachmentId,
        bytes: Buffer.from(file.base64, "base64"),
      };
      state.files.set(token, stored);
    }
    for (const [kind, sequence] of Object.entries(state.ids)) {
      const next = snapshot.ids[kind];
      if (next !== undefined) sequence.reserve(next - 1);
    }
    state.apiUserId = snapshot.apiUserId;
  }
}
