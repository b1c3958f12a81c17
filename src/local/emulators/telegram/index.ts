/**
 * A Telegram Bot API emulator on a real socket: the built-in Telegram of the local stack when no real bot is
 * configured, and the fake Telegram of integration tests. It answers the way api.telegram.org does (status
 * codes, error descriptions, limits, formatting rules) so a bot's mistakes show up here rather than in
 * production. Point grammY at it with `new Bot(token, { client: { apiRoot: emulator.apiRoot } })`.
 *
 * Deliberate differences from Telegram: plain-http webhooks are accepted for loopback hosts; a webhook update
 * is dropped after `webhookRetry.attempts` failures instead of being retried for hours; media sent by URL is
 * not fetched; photos report fixed dimensions; entity auto-detection uses a short TLD list.
 */
import type { AddressInfo } from "node:net";
import type { Message, ReplyKeyboardMarkup, Update, User } from "grammy/types";
import { type CallRecord, type InjectedFault, MethodRunner } from "./bot-api-methods.js";
import type { MethodContext } from "./method-context.js";
import { Params } from "./params.js";
import { RateLimiter, type RateLimits } from "./rate-limiter.js";
import { createEmulatorServer } from "./server.js";
import { type CallbackRecord, EmulatorState } from "./state.js";
import {
  type ClickButtonInput,
  type EditTextInput,
  type SendMediaInput,
  type SendTextInput,
  UserActions,
} from "./user-actions.js";
import {
  type DeliveryRecord,
  UpdateDispatcher,
  type WebhookConfig,
  type WebhookRetry,
} from "./webhook-delivery.js";

export type { CallRecord, InjectedFault } from "./bot-api-methods.js";
export { BotApiError } from "./errors.js";
export { parseHtml } from "./html-entities.js";
export { parseMarkdownV2 } from "./markdown-entities.js";
export type { RateLimits } from "./rate-limiter.js";
export type { CallbackRecord, ChatSpec, UserSpec } from "./state.js";
export type { ClickButtonInput, EditTextInput, SendMediaInput, SendTextInput } from "./user-actions.js";
export type { DeliveryRecord, WebhookRetry } from "./webhook-delivery.js";

export const DEFAULT_BOT = {
  id: 7000001,
  username: "support_bridge_bot",
  first_name: "Support Bridge",
} as const;
/** As with a real token, the part before the colon is the bot's id. */
export const DEFAULT_TOKEN = `${DEFAULT_BOT.id}:local-emulator-token`;

export interface TelegramEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port, read it back from `apiRoot`. */
  port?: number;
  /** The only token accepted; any other gets 401 Unauthorized. */
  token?: string;
  /** What getMe returns. */
  bot?: { id: number; username: string; first_name: string };
  /** Clock for message dates, flood limits and callback-query age. Default: the system clock. */
  now?: () => Date;
  /** Flood limits (defaults: 1/s per private chat with a burst of 3, 20/min per group, 30/s overall); false disables. */
  rateLimits?: RateLimits | false;
  /** Webhook redelivery: attempts per update (first included) and the pause between them. Default 5 × 200 ms. */
  webhookRetry?: WebhookRetry;
  /**
   * The first update_id. Telegram's ids only grow; a stack that keeps its data across restarts passes a
   * time-based start so a new emulator never repeats ids the bot has already recorded. Default 100000001.
   */
  firstUpdateId?: number;
  /**
   * Where each chat's message ids start. Telegram never reuses one in a chat, and the bot keys follow-ups by
   * chat and message id; a stack that keeps its data across restarts passes a time-based start. Default 1.
   */
  firstMessageId?: number;
  /** How long a callback query stays answerable. Default 15 minutes (Telegram does not publish its value). */
  callbackQueryTimeoutSeconds?: number;
}

export interface TelegramEmulator {
  /** Base URL for the Bot API client, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly apiRoot: string;
  readonly token: string;
  /** Stops the server, answers pending long polls and abandons pending webhook deliveries. */
  close(): Promise<void>;

  /**
   * A user writes a text message (by default user 100001 in their private chat). Resolves once a webhook took
   * the update (after retries), at once in polling mode. A group message that privacy mode hides from a
   * non-admin bot is stored but not delivered; its returned update has `update_id` 0.
   */
  sendText(input: SendTextInput): Promise<Update>;
  /** A user sends a photo; the bytes become downloadable through getFile. */
  sendPhoto(input: SendMediaInput): Promise<Update>;
  sendDocument(input: SendMediaInput): Promise<Update>;
  sendVoice(input: SendMediaInput): Promise<Update>;
  /** A user edits one of their text messages: an `edited_message` update. */
  editText(input: EditTextInput): Promise<Update>;
  /** A user presses an inline button; throws unless the message currently shows a button with that data. */
  clickButton(input: ClickButtonInput): Promise<Update>;
  /** Delivers any body as an update, even a malformed one. */
  deliverRaw(update: unknown): Promise<void>;
  /** Delivers an already delivered update again, as Telegram does when it did not get a 2xx. */
  redeliver(updateId: number): Promise<void>;
  /** The user blocks (or unblocks) the bot: sends get 403, and the bot gets a `my_chat_member` update. */
  blockBot(userId: number, blocked?: boolean): void;
  /** The next `times` calls of `method` fail with this error, before any validation. */
  failNext(method: string, error: InjectedFault, times?: number): void;
  /**
   * Runs `interruption` when the next call of `method` arrives and answers the call once it settled: what
   * happens while a request is on its way (another update delivered meanwhile), made repeatable.
   */
  beforeNext(method: string, interruption: () => Promise<unknown>): void;

  /** Every Bot API call, in order, with its response body. */
  readonly calls: ReadonlyArray<CallRecord>;
  /** Every webhook POST attempt, in order. */
  readonly webhookDeliveries: ReadonlyArray<DeliveryRecord>;
  /** Messages of a chat in order, user's and bot's, in their current (edited) state; deleted ones left out. */
  chatMessages(chatId: number, opts?: { threadId?: number }): ReadonlyArray<Message>;
  botMessages(chatId: number): ReadonlyArray<Message>;
  /** The reply keyboard the bot last showed in the chat, if it was not removed. */
  replyKeyboard(chatId: number): ReplyKeyboardMarkup | undefined;
  callbackQueries(): ReadonlyArray<CallbackRecord>;
  /** Callback queries the bot has not answered; tests assert this is empty. */
  unansweredCallbackQueries(): ReadonlyArray<CallbackRecord>;
  /** Resolves once no webhook delivery is in flight or waiting (immediately without a webhook). */
  waitForIdle(): Promise<void>;
  webhook():
    | { url: string; secretToken?: string; allowedUpdates?: string[]; maxConnections?: number }
    | undefined;
}

function publicWebhook(config: WebhookConfig | undefined): ReturnType<TelegramEmulator["webhook"]> {
  if (!config) return undefined;
  return {
    url: config.url,
    maxConnections: config.maxConnections,
    ...(config.secretToken ? { secretToken: config.secretToken } : {}),
    ...(config.allowedUpdates ? { allowedUpdates: config.allowedUpdates } : {}),
  };
}

/** Starts an emulator on its own HTTP server. */
export async function startTelegramEmulator(opts: TelegramEmulatorOptions = {}): Promise<TelegramEmulator> {
  const token = opts.token ?? DEFAULT_TOKEN;
  const now = opts.now ?? (() => new Date());
  const bot = opts.bot ?? DEFAULT_BOT;
  const botUser: User = { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
  const state = new EmulatorState(botUser, now, opts.firstMessageId);
  let closed = false;
  // A JSON answer from the webhook carrying `method` is executed like an API call (a "webhook reply").
  const dispatcher = new UpdateDispatcher(
    opts.webhookRetry ?? { attempts: 5, delayMs: 200 },
    now,
    async (reply) => {
      const { method, ...params } = reply;
      await runner.run(String(method), new Params(params));
    },
  );
  const ctx: MethodContext = {
    state,
    dispatcher,
    limiter: opts.rateLimits === false ? undefined : new RateLimiter(opts.rateLimits),
    callbackQueryTimeoutMs: (opts.callbackQueryTimeoutSeconds ?? 15 * 60) * 1000,
  };
  const runner = new MethodRunner(ctx);
  const actions = new UserActions(state, dispatcher, opts.firstUpdateId);
  const server = createEmulatorServer({
    token,
    state,
    runner,
    control: { state, actions, runner, dispatcher, isClosed: () => closed },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const messagesOf = (chatId: number) =>
    [...(state.chats.get(chatId)?.messages.values() ?? [])].filter((m) => !m.deleted);

  return {
    apiRoot: `http://${host}:${address.port}`,
    token,
    async close() {
      if (closed) return;
      closed = true;
      dispatcher.close();
      state.wakeListeners();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    sendText: (input) => actions.sendText(input),
    sendPhoto: (input) => actions.sendMedia("photo", input),
    sendDocument: (input) => actions.sendMedia("document", input),
    sendVoice: (input) => actions.sendMedia("voice", input),
    editText: (input) => actions.editText(input),
    clickButton: (input) => actions.clickButton(input),
    deliverRaw: (update) => actions.deliverRaw(update),
    redeliver: (updateId) => actions.redeliver(updateId),
    blockBot: (userId, blocked = true) => actions.blockBot(userId, blocked),
    failNext: (method, error, times) => runner.failNext(method, error, times),
    beforeNext: (method, interruption) => runner.beforeNext(method, interruption),
    calls: runner.calls,
    webhookDeliveries: dispatcher.deliveries,
    chatMessages: (chatId, filter) =>
      messagesOf(chatId)
        .map((m) => m.message)
        .filter((m) => filter?.threadId === undefined || m.message_thread_id === filter.threadId),
    botMessages: (chatId) => messagesOf(chatId).flatMap((m) => (m.fromBot ? [m.message] : [])),
    replyKeyboard: (chatId) => state.chats.get(chatId)?.replyKeyboard,
    callbackQueries: () => [...state.callbackQueries.values()],
    unansweredCallbackQueries: () => [...state.callbackQueries.values()].filter((q) => !q.answered),
    waitForIdle: () => dispatcher.waitForIdle(),
    webhook: () => publicWebhook(dispatcher.webhook),
  };
}
