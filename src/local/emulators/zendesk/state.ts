import { IdSequence, isoSeconds } from "./ids.js";
import type {
  ApiToken,
  Article,
  Attachment,
  Audit,
  Comment,
  Group,
  GroupMembership,
  Organization,
  Ticket,
  TicketField,
  User,
  Webhook,
} from "./types.js";

export interface EmulatorConfig {
  /** `http://host:port`, without `/api/v2`. */
  baseUrl: string;
  email: string;
  accountId: number;
  now: () => Date;
}

/** A `POST /uploads` token and the attachments grouped under it. */
export interface Upload {
  token: string;
  attachmentIds: number[];
  expiresAt: number;
  consumed: boolean;
}

export interface StoredFile {
  attachmentId: number;
  bytes: Buffer;
}

/**
 * All records of one emulated Zendesk account. Plain maps: the emulator is single-process and every
 * handler runs to completion before the next, so no locking is needed.
 */
export class EmulatorState {
  readonly tickets = new Map<number, Ticket>();
  readonly comments = new Map<number, Comment[]>();
  readonly audits = new Map<number, Audit[]>();
  readonly users = new Map<number, User>();
  readonly groups = new Map<number, Group>();
  readonly memberships: GroupMembership[] = [];
  readonly organizations = new Map<number, Organization>();
  readonly ticketFields = new Map<number, TicketField>();
  readonly webhooks = new Map<string, Webhook>();
  readonly signingSecrets = new Map<string, string>();
  readonly apiTokens = new Map<number, ApiToken>();
  readonly uploads = new Map<string, Upload>();
  /** Attachment bytes keyed by the token in the attachment's `content_url`. */
  readonly files = new Map<string, StoredFile>();
  readonly attachments = new Map<number, Attachment>();
  readonly articles: Article[] = [];
  readonly ids = {
    ticket: new IdSequence(1),
    user: new IdSequence(10_001),
    group: new IdSequence(20_001),
    organization: new IdSequence(30_001),
    comment: new IdSequence(40_001),
    audit: new IdSequence(50_001),
    attachment: new IdSequence(60_001),
    ticketField: new IdSequence(70_001),
    fieldOption: new IdSequence(80_001),
    article: new IdSequence(90_001),
    membership: new IdSequence(1),
    apiToken: new IdSequence(1),
    auditEvent: new IdSequence(100_001),
  };
  /** The admin the API credentials belong to (`email` option). */
  apiUserId = 0;

  constructor(readonly config: EmulatorConfig) {}

  now(): Date {
    return this.config.now();
  }

  nowIso(): string {
    return isoSeconds(this.config.now());
  }

  /** Absolute API URL of a resource, as Zendesk puts in each record's `url`. */
  apiUrl(path: string): string {
    return `${this.config.baseUrl}/api/v2${path}`;
  }

  isStaff(userId: number): boolean {
    const role = this.users.get(userId)?.role;
    return role === "agent" || role === "admin";
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase();
    for (const user of this.users.values()) if (user.email?.toLowerCase() === wanted) return user;
    return undefined;
  }

  userByExternalId(externalId: string): User | undefined {
    for (const user of this.users.values()) if (user.external_id === externalId) return user;
    return undefined;
  }

  agentsInGroup(groupId: number): User[] {
    return this.memberships
      .filter((m) => m.group_id === groupId)
      .map((m) => this.users.get(m.user_id))
      .filter((u): u is User => u !== undefined);
  }

  isMember(userId: number, groupId: number): boolean {
    return this.memberships.some((m) => m.user_id === userId && m.group_id === groupId);
  }
}
