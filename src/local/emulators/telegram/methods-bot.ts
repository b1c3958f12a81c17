/** Bot-level methods: identity, commands, callback answers, chats, and how updates reach the bot. */
import type { BotCommand, ChatFullInfo, UserFromGetMe, WebhookInfo } from "grammy/types";
import { BotApiError, badRequest, Descriptions } from "./errors.js";
import { findChatOrThrow, requireChatId } from "./message-sending.js";
import { Described, type MethodContext } from "./method-context.js";
import type { Params } from "./params.js";

const SECRET_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;
const COMMAND = /^[a-z0-9_]{1,32}$/;
const WEBHOOK_PORTS = new Set(["", "80", "88", "443", "8443"]);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function getMe(_params: Params, ctx: MethodContext): UserFromGetMe {
  const bot = ctx.state.botUser;
  return {
    id: bot.id,
    is_bot: true,
    first_name: bot.first_name,
    username: bot.username ?? "support_bridge_bot",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
  } as UserFromGetMe;
}

const commandsKey = (params: Params): string =>
  JSON.stringify([
    params.json("scope", "can't parse BotCommandScope JSON object") ?? { type: "default" },
    params.string("language_code") ?? "",
  ]);

export function setMyCommands(params: Params, ctx: MethodContext): boolean {
  const commands = params.json("commands", "can't parse commands JSON object");
  if (!Array.isArray(commands)) throw badRequest('field "commands" must be an Array');
  if (commands.length > 100) throw badRequest("too many commands specified");
  const valid: BotCommand[] = commands.map((raw: { command?: unknown; description?: unknown }) => {
    const command = typeof raw.command === "string" ? raw.command.replace(/^\//, "") : "";
    const description = typeof raw.description === "string" ? raw.description : "";
    if (!COMMAND.test(command)) throw badRequest("BOT_COMMAND_INVALID");
    if (description.length < 1 || description.length > 256)
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    return { command, description };
  });
  ctx.state.commands.set(commandsKey(params), valid);
  return true;
}

export const getMyCommands = (params: Params, ctx: MethodContext): BotCommand[] =>
  ctx.state.commands.get(commandsKey(params)) ?? [];

export function deleteMyCommands(params: Params, ctx: MethodContext): boolean {
  ctx.state.commands.delete(commandsKey(params));
  return true;
}

export function getChat(params: Params, ctx: MethodContext): ChatFullInfo {
  const record = findChatOrThrow(ctx, requireChatId(params));
  return {
    ...record.chat,
    accent_color_id: 0,
    max_reaction_count: 11,
    accepted_gift_types: {},
  } as ChatFullInfo;
}

export function answerCallbackQuery(params: Params, ctx: MethodContext): boolean {
  const text = params.string("text");
  if (text !== undefined && text.length > 200) throw badRequest("MESSAGE_TOO_LONG");
  const query = ctx.state.callbackQueries.get(params.string("callback_query_id") ?? "");
  const age = query ? ctx.state.now().getTime() - query.createdAt : 0;
  if (!query || query.answered || age > ctx.callbackQueryTimeoutMs)
    throw badRequest(Descriptions.queryTooOld);
  query.answered = true;
  query.answer = { text, showAlert: params.bool("show_alert"), url: params.string("url") };
  return true;
}

/** Real Telegram wants HTTPS on ports 80/88/443/8443; the emulator also takes plain http to a loopback host. */
function validateWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
  }
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return raw;
  if (url.protocol !== "https:") throw badRequest("bad webhook: HTTPS url must be provided for webhook");
  if (!WEBHOOK_PORTS.has(url.port)) {
    throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
  }
  return raw;
}

function readAllowedUpdates(params: Params): string[] | undefined {
  const raw = params.json("allowed_updates", "can't parse allowed updates JSON object");
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || !raw.every((item) => typeof item === "string")) {
    throw badRequest("can't parse allowed updates JSON object");
  }
  return raw;
}

export function setWebhook(params: Params, ctx: MethodContext): Described {
  const raw = params.string("url") ?? "";
  if (raw === "") return deleteWebhook(params, ctx);
  const url = validateWebhookUrl(raw);
  const secretToken = params.string("secret_token");
  if (secretToken !== undefined && secretToken !== "" && !SECRET_TOKEN.test(secretToken)) {
    throw badRequest("secret token contains unallowed characters");
  }
  const maxConnections = params.int("max_connections") ?? 40;
  const allowedUpdates = readAllowedUpdates(params);
  const previous = ctx.dispatcher.webhook;
  const config = {
    url,
    secretToken: secretToken || undefined,
    allowedUpdates: allowedUpdates ?? previous?.allowedUpdates,
    maxConnections: Math.min(Math.max(maxConnections, 1), 100),
    ipAddress: params.string("ip_address"),
  };
  const unchanged = previous !== undefined && JSON.stringify(previous) === JSON.stringify(config);
  ctx.dispatcher.setWebhook(config, params.bool("drop_pending_updates"));
  return new Described(true, unchanged ? "Webhook is already set" : "Webhook was set");
}

export function deleteWebhook(params: Params, ctx: MethodContext): Described {
  const hadWebhook = ctx.dispatcher.webhook !== undefined;
  ctx.dispatcher.deleteWebhook(params.bool("drop_pending_updates"));
  return new Described(true, hadWebhook ? "Webhook was deleted" : "Webhook is already deleted");
}

export function getWebhookInfo(_params: Params, ctx: MethodContext): WebhookInfo {
  const hook = ctx.dispatcher.webhook;
  const pending = ctx.dispatcher.pendingCount;
  if (!hook) return { url: "", has_custom_certificate: false, pending_update_count: pending };
  const error = ctx.dispatcher.lastDeliveryError;
  return {
    url: hook.url,
    has_custom_certificate: false,
    pending_update_count: pending,
    max_connections: hook.maxConnections,
    ...(hook.ipAddress ? { ip_address: hook.ipAddress } : {}),
    ...(hook.allowedUpdates
      ? { allowed_updates: hook.allowedUpdates as WebhookInfo["allowed_updates"] }
      : {}),
    ...(error ? { last_error_date: error.date, last_error_message: error.message } : {}),
  };
}

export function getUpdates(params: Params, ctx: MethodContext): Promise<unknown[]> {
  if (ctx.dispatcher.webhook) throw new BotApiError(409, Descriptions.webhookConflict);
  const limit = Math.min(Math.max(params.int("limit") ?? 100, 1), 100);
  const timeout = Math.max(params.int("timeout") ?? 0, 0);
  return ctx.dispatcher.getUpdates(params.int("offset") ?? 0, limit, timeout, readAllowedUpdates(params));
}
