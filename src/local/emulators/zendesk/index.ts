/**
 * Zendesk Support API emulator: the built-in Zendesk of the local stack when no real account is configured,
 * and the fake Zendesk integration tests talk to over real sockets. It follows the documented API, not what
 * our adapter would like: Basic API-token auth, RecordNotFound / RecordInvalid / InvalidEndpoint error
 * bodies, the account rate limit with `Retry-After`, `Idempotency-Key` on ticket creation, uploads, and
 * signed event webhooks with Zendesk's retry rules.
 *
 * API (`url + "/api/v2"`, the node-zendesk `endpointUri`; a `.json` suffix is accepted everywhere):
 *   POST/GET/PUT /tickets (GET filters ?external_id=), /tickets/{id}; GET /tickets/show_many?ids=, /tickets/{id}/comments (offset pages of up to 100, `sort_order`), /audits
 *   GET/POST /users, GET/PUT /users/{id}, GET /users/me, /users/search?external_id=|query=, /users/show_many
 *   POST /users/create_or_update (201 created, 200 updated; matches external_id, then email)
 *   GET/POST /groups, GET /groups/{id}, /groups/{id}/memberships, /groups/{id}/users, /groups/assignable
 *   GET/POST /group_memberships (GET filters ?group_id= / ?user_id=), GET /users/{id}/group_memberships
 *   GET/POST /organizations, GET /organizations/{id}, /organizations/{id}/users, /organizations/search?name=
 *   GET/POST /ticket_fields, GET/PUT /ticket_fields/{id}
 *   POST /uploads?filename=&token= (raw body), DELETE /uploads/{token}, GET /attachments/{id}
 *   GET /search?query=, GET /search/count?query=   (subset of the search syntax, see search.ts)
 *   GET/POST /webhooks, GET/PUT/PATCH/DELETE /webhooks/{id}, GET/POST /webhooks/{id}/signing_secret
 *   GET/POST /api_tokens, GET/PUT/DELETE /api_tokens/{id}
 *   GET /help_center/articles/search?query=&locale=&per_page=&page=, /help_center/{locale}/articles/search,
 *       /help_center/articles, /help_center/{locale}/articles, /help_center/articles/{id} (public: anonymous
 *       callers see only articles visible to everyone)
 * Outside the API: GET /attachments/token/{token}/?name= (attachment bytes, no auth), GET /hc/{locale}/
 * articles/{id}-{slug} (article page), and the agent console / control API documented in agent-console.ts.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type AgentCommentInput, agentComment, assign, moveToGroup, setStatus } from "./agent.js";
import { controlRoutes } from "./agent-console.js";
import { apiTokenRoutes } from "./api-tokens.js";
import { EmulatorContext } from "./context.js";
import type { ZendeskEvent } from "./events.js";
import { FaultInjector, type FaultMatch, type FaultResponse } from "./fault-injection.js";
import { groupRoutes } from "./groups.js";
import { type ArticleSeed, helpCenterRoutes } from "./help-center.js";
import { IdempotencyStore } from "./idempotency.js";
import { organizationRoutes } from "./organizations.js";
import { AccountRateLimiter, TicketUpdateLimiter } from "./rate-limit.js";
import { Router } from "./router.js";
import { searchRoutes } from "./search.js";
import { DEFAULT_ARTICLES, DEFAULT_GROUPS, seedAccount } from "./seed.js";
import { createRequestHandler } from "./server.js";
import { EmulatorState } from "./state.js";
import { EmulatorStateFile } from "./state-file.js";
import { ticketFieldRoutes } from "./ticket-fields.js";
import { ticketRoutes } from "./tickets.js";
import type {
  Comment,
  Group,
  RecordedRequest,
  Ticket,
  TicketStatus,
  User,
  WebhookDeliveryRecord,
} from "./types.js";
import { uploadRoutes } from "./uploads.js";
import { userRoutes } from "./users.js";
import { WebhookDispatcher, type WebhookRetryOptions } from "./webhook-delivery.js";
import { webhookRoutes } from "./webhooks.js";

export type { AgentCommentInput } from "./agent.js";
export type { ZendeskEvent } from "./events.js";
export type { FaultMatch, FaultResponse } from "./fault-injection.js";
export type { ArticleSeed } from "./help-center.js";
export type * from "./types.js";
export type { WebhookRetryOptions } from "./webhook-delivery.js";

export interface ZendeskEmulatorOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default `0` (an ephemeral port). */
  port?: number;
  /** The agent email accepted in Basic auth; default `bridge@example.com`. */
  email?: string;
  /** The initial API token; default `local-zendesk-token`. */
  apiToken?: string;
  /** Injected clock for rate limits, timestamps, idempotency-key lifetime and webhook signature timestamps. */
  now?: () => Date;
  /** Requests per clock minute (default 700, Enterprise); `false` disables the limit. */
  rateLimitPerMinute?: number | false;
  /** Default `{attempts: 3, delayMs: 200}` with Zendesk's documented retry rules; see WebhookRetryOptions. */
  webhookRetry?: WebhookRetryOptions;
  /** Seeded groups, two agents each; default Logistics L1, Billing, Returns, Orders, Accounts, Product, Triage, Escalations L2. */
  groups?: Array<{ id?: number; name: string }>;
  /** Seeded Help Center articles; default a few in en-us and ru. */
  articles?: ArticleSeed[];
  /**
   * Where the account is kept between runs: loaded at start when the file exists (seeding is then skipped),
   * rewritten after every change. Without it the account lives in memory only.
   */
  stateFile?: string;
  /** Value of `account_id` in event payloads. */
  accountId?: number;
}

export interface ZendeskEmulator {
  /** `http://127.0.0.1:PORT`; the API is at `url + "/api/v2"`. */
  url: string;
  email: string;
  /** The initial API token. */
  apiToken: string;
  accountId: number;
  close(): Promise<void>;
  /** An agent comments in the Zendesk UI: updates the ticket and emits `ticket.comment_added` (and more). */
  agentComment(ticketId: number, comment: AgentCommentInput): Promise<void>;
  setStatus(ticketId: number, status: TicketStatus, by?: "agent" | "requester"): Promise<void>;
  moveToGroup(ticketId: number, groupId: number): Promise<void>;
  assign(ticketId: number, assigneeId: number): Promise<void>;
  /** The next `times` (default 1) matching requests get `response` instead of the real answer. */
  failNext(match: FaultMatch, response: FaultResponse, times?: number): void;
  readonly requests: ReadonlyArray<RecordedRequest>;
  tickets(): ReadonlyArray<Ticket>;
  ticket(id: number): Ticket | undefined;
  comments(ticketId: number): ReadonlyArray<Comment>;
  users(): ReadonlyArray<User>;
  groups(): ReadonlyArray<Group>;
  /** Every event payload emitted, whether or not a webhook was subscribed. */
  readonly events: ReadonlyArray<ZendeskEvent>;
  readonly webhookDeliveries: ReadonlyArray<WebhookDeliveryRecord>;
  /** Resolves when no webhook delivery is in flight or waiting for a retry. */
  waitForIdle(): Promise<void>;
  apiTokens(): ReadonlyArray<{ id: number; token: string; active: boolean }>;
  signingSecret(webhookId: string): string;
}

export async function startZendeskEmulator(options: ZendeskEmulatorOptions = {}): Promise<ZendeskEmulator> {
  const now = options.now ?? (() => new Date());
  const email = options.email ?? "bridge@example.com";
  const apiToken = options.apiToken ?? "local-zendesk-token";
  const accountId = options.accountId ?? 10_000_001;
  const retry = options.webhookRetry ?? { attempts: 3, delayMs: 200 };

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  const state = new EmulatorState({ baseUrl: url, email, accountId, now });
  const stored = options.stateFile === undefined ? undefined : new EmulatorStateFile(options.stateFile);
  if (stored?.exists()) stored.load(state);
  else {
    seedAccount(state, {
      email,
      apiToken,
      groups: options.groups ?? DEFAULT_GROUPS,
      articles: options.articles ?? DEFAULT_ARTICLES,
    });
    stored?.save(state);
  }
  const changed = () => stored?.save(state);
  const dispatcher = new WebhookDispatcher(state, {
    attempts: retry.attempts,
    delayMs: retry.delayMs,
    timeoutMs: retry.timeoutMs ?? 12_000,
    policy: retry.policy ?? "documented",
  });
  const ctx = new EmulatorContext(state, dispatcher);
  const api = new Router()
    .add(
      ticketRoutes(ctx, {
        idempotency: new IdempotencyStore(now),
        updateLimiter: new TicketUpdateLimiter(now),
      }),
    )
    .add(userRoutes(ctx))
    .add(groupRoutes(ctx))
    .add(organizationRoutes(ctx))
    .add(ticketFieldRoutes(ctx))
    .add(uploadRoutes(ctx))
    .add(searchRoutes(ctx))
    .add(webhookRoutes(ctx))
    .add(apiTokenRoutes(ctx))
    .add(helpCenterRoutes(ctx));
  const faults = new FaultInjector();
  const recorded: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  server.on(
    "request",
    createRequestHandler({
      state,
      api,
      control: new Router().add(controlRoutes(ctx)),
      rateLimiter: new AccountRateLimiter(options.rateLimitPerMinute ?? 700, now),
      faults,
      recorded,
      hanging,
      onChange: changed,
    }),
  );

  return {
    url,
    email,
    apiToken,
    accountId,
    async close() {
      dispatcher.close();
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async agentComment(ticketId, comment) {
      agentComment(ctx, ticketId, comment);
      changed();
    },
    async setStatus(ticketId, status, by) {
      setStatus(ctx, ticketId, status, by);
      changed();
    },
    async moveToGroup(ticketId, groupId) {
      moveToGroup(ctx, ticketId, groupId);
      changed();
    },
    async assign(ticketId, assigneeId) {
      assign(ctx, ticketId, assigneeId);
      changed();
    },
    failNext(match, response, times = 1) {
      faults.add(match, response, times);
    },
    requests: recorded,
    tickets: () => structuredClone([...state.tickets.values()]),
    ticket: (id) => {
      const ticket = state.tickets.get(id);
      return ticket && structuredClone(ticket);
    },
    comments: (ticketId) => structuredClone(state.comments.get(ticketId) ?? []),
    users: () => structuredClone([...state.users.values()]),
    groups: () => structuredClone([...state.groups.values()]),
    events: ctx.emitted,
    webhookDeliveries: dispatcher.deliveries,
    waitForIdle: () => dispatcher.waitForIdle(),
    apiTokens: () => [...state.apiTokens.values()].map(({ id, token, active }) => ({ id, token, active })),
    signingSecret(webhookId) {
      const secret = state.signingSecrets.get(webhookId);
      if (secret === undefined) throw new Error(`No webhook ${webhookId}`);
      return secret;
    },
  };
}
