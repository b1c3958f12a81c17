/**
 * HTTP control API for the terminal chat client (and anything else that plays the user's side). All routes
 * live under `/_emulator/`, take and return JSON, and answer `{ ok: true, result }` or
 * `{ ok: false, description }` (400 for a refused action, 404 for an unknown route).
 *
 *   POST /_emulator/send        { userId?, chatId?, chatType?, chatTitle?, isForum?, firstName?, lastName?,
 *                                 username?, languageCode?, text, replyToMessageId?, messageThreadId? }
 *                               -> the Update (a private chat with the user unless chatId/chatType say otherwise)
 *   POST /_emulator/send-file   { kind: "photo"|"document"|"voice", ...the same user/chat fields, caption?,
 *                                 fileName?, contentBase64? } -> the Update
 *   POST /_emulator/edit        { chatId, messageId, text, userId? } -> the edited_message Update
 *   POST /_emulator/click       { chatId, messageId, data, userId? } -> the callback_query Update
 *   POST /_emulator/block       { userId, blocked? = true } -> true
 *   GET  /_emulator/chats       -> [{ chat, cursor }]
 *   GET  /_emulator/chats/:chatId/messages?after=<cursor>&waitSeconds=<0-60>&threadId=<id>
 *                               -> { cursor, messages, deletedMessageIds, replyKeyboard }
 *        `cursor` is the chat's change sequence: every new message, edit (text or keyboard) or deletion bumps it.
 *        Pass the last cursor as `after` to get, in message_id order and in their current state, the messages
 *        created or changed since (bot and user messages alike), plus ids deleted since. `after=0` returns the
 *        whole chat. With `waitSeconds` the request is held until something changes or the time is up.
 *   GET  /_emulator/webhook     -> the webhook as set by the bot, or null
 *   GET  /_emulator/calls?since=<index> -> Bot API calls the bot made, from that index on
 *   GET  /_emulator/callback-queries -> callback queries with whether (and how) the bot answered them
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Message } from "grammy/types";
import * as z from "../../../zod.js";
import type { MethodRunner } from "./bot-api-methods.js";
import { readBody } from "./http-body.js";
import type { ChatSpec, EmulatorState, UserSpec } from "./state.js";
import type { UserActions } from "./user-actions.js";
import type { UpdateDispatcher } from "./webhook-delivery.js";

export interface ControlDeps {
  state: EmulatorState;
  actions: UserActions;
  runner: MethodRunner;
  dispatcher: UpdateDispatcher;
  isClosed: () => boolean;
}

const int = z.int();
const Party = z.object({
  userId: z.optional(int),
  chatId: z.optional(int),
  chatType: z.optional(z.enum(["private", "group", "supergroup"])),
  chatTitle: z.optional(z.string()),
  isForum: z.optional(z.boolean()),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  username: z.optional(z.string()),
  languageCode: z.optional(z.string()),
  replyToMessageId: z.optional(int),
  messageThreadId: z.optional(int),
});
const SendBody = z.extend(Party, { text: z.string() });
const SendFileBody = z.extend(Party, {
  kind: z.enum(["photo", "document", "voice"]),
  caption: z.optional(z.string()),
  fileName: z.optional(z.string()),
  contentBase64: z.optional(z.string()),
});
const EditBody = z.object({ chatId: int, messageId: int, text: z.string(), userId: z.optional(int) });
const ClickBody = z.object({ chatId: int, messageId: int, data: z.string(), userId: z.optional(int) });
const BlockBody = z.object({ userId: int, blocked: z.optional(z.boolean()) });

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function jsonBody<T>(req: IncomingMessage, schema: z.ZodMiniType<T>): Promise<T> {
  const text = (await readBody(req)).toString("utf8");
  let raw: unknown;
  try {
    raw = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new ControlError(400, "the body is not JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ControlError(400, z.prettifyError(parsed.error));
  return parsed.data;
}

function partyOf(body: z.infer<typeof Party>): { chat?: ChatSpec; from?: UserSpec } {
  const chat: ChatSpec = {
    ...(body.chatId !== undefined ? { id: body.chatId } : {}),
    ...(body.chatType ? { type: body.chatType } : {}),
    ...(body.chatTitle ? { title: body.chatTitle } : {}),
    ...(body.isForum !== undefined ? { isForum: body.isForum } : {}),
  };
  const from: UserSpec = {
    ...(body.userId !== undefined ? { id: body.userId } : {}),
    ...(body.firstName ? { firstName: body.firstName } : {}),
    ...(body.lastName ? { lastName: body.lastName } : {}),
    ...(body.username ? { username: body.username } : {}),
    ...(body.languageCode ? { languageCode: body.languageCode } : {}),
  };
  return { chat, from };
}

const optionalIds = (body: z.infer<typeof Party>) => ({
  ...(body.replyToMessageId !== undefined ? { replyToMessageId: body.replyToMessageId } : {}),
  ...(body.messageThreadId !== undefined ? { messageThreadId: body.messageThreadId } : {}),
});

function changesSince(deps: ControlDeps, chatId: number, after: number, threadId: number | undefined) {
  const record = deps.state.chats.get(chatId);
  if (!record) return { cursor: 0, messages: [], deletedMessageIds: [], replyKeyboard: null };
  const changed = [...record.messages.values()].filter((m) => m.seq > after);
  const inThread = (m: Message) => threadId === undefined || m.message_thread_id === threadId;
  return {
    cursor: record.changeSeq,
    messages: changed.filter((m) => !m.deleted && inThread(m.message)).map((m) => m.message),
    deletedMessageIds: changed.filter((m) => m.deleted).map((m) => m.message.message_id),
    replyKeyboard: record.replyKeyboard ?? null,
  };
}

async function longPollMessages(deps: ControlDeps, chatId: number, url: URL) {
  const after = Number(url.searchParams.get("after") ?? 0) || 0;
  const waitSeconds = Math.min(Math.max(Number(url.searchParams.get("waitSeconds") ?? 0) || 0, 0), 60);
  const threadParam = url.searchParams.get("threadId");
  const threadId = threadParam === null ? undefined : Number(threadParam);
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const changes = changesSince(deps, chatId, after, threadId);
    const remaining = deadline - Date.now();
    const hasNews = changes.messages.length > 0 || changes.deletedMessageIds.length > 0;
    if (hasNews || remaining <= 0 || deps.isClosed()) return changes;
    await new Promise<void>((resolve) => {
      const wake = () => {
        deps.state.listeners.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, remaining);
      deps.state.listeners.add(wake);
    });
  }
}

async function route(req: IncomingMessage, url: URL, deps: ControlDeps): Promise<unknown> {
  const path = url.pathname.replace(/^\/_emulator/, "");
  const { actions, state } = deps;
  if (req.method === "POST" && path === "/send") {
    const body = await jsonBody(req, SendBody);
    return actions.sendText({ ...partyOf(body), ...optionalIds(body), text: body.text });
  }
  if (req.method === "POST" && path === "/send-file") {
    const body = await jsonBody(req, SendFileBody);
    return actions.sendMedia(body.kind, {
      ...partyOf(body),
      ...optionalIds(body),
      ...(body.caption !== undefined ? { caption: body.caption } : {}),
      ...(body.fileName !== undefined ? { fileName: body.fileName } : {}),
      ...(body.contentBase64 !== undefined ? { bytes: Buffer.from(body.contentBase64, "base64") } : {}),
    });
  }
  if (req.method === "POST" && (path === "/edit" || path === "/click")) {
    const isEdit = path === "/edit";
    const body = isEdit ? await jsonBody(req, EditBody) : await jsonBody(req, ClickBody);
    const from = body.userId !== undefined ? { from: { id: body.userId } } : {};
    if ("text" in body) return actions.editText({ ...body, ...from });
    return actions.clickButton({ ...body, ...from });
  }
  if (req.method === "POST" && path === "/block") {
    const body = await jsonBody(req, BlockBody);
    actions.blockBot(body.userId, body.blocked ?? true);
    return true;
  }
  if (req.method === "GET" && path === "/chats") {
    return [...state.chats.values()].map((record) => ({ chat: record.chat, cursor: record.changeSeq }));
  }
  const messagesPath = /^\/chats\/(-?\d+)\/messages$/.exec(path);
  if (req.method === "GET" && messagesPath) return longPollMessages(deps, Number(messagesPath[1]), url);
  if (req.method === "GET" && path === "/webhook") return deps.dispatcher.webhook ?? null;
  if (req.method === "GET" && path === "/calls")
    return deps.runner.calls.slice(Number(url.searchParams.get("since")) || 0);
  if (req.method === "GET" && path === "/callback-queries") return [...state.callbackQueries.values()];
  throw new ControlError(404, `no control route ${req.method} ${url.pathname}`);
}

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: ControlDeps,
): Promise<void> {
  let status = 200;
  let body: unknown;
  try {
    body = { ok: true, result: await route(req, url, deps) };
  } catch (error) {
    status = error instanceof ControlError ? error.status : 400;
    body = { ok: false, description: error instanceof Error ? error.message : String(error) };
  }
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
