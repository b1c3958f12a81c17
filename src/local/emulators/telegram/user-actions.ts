/**
 * What a person does in Telegram, turned into real Updates with sequential `update_id`s. Each action stores the
 * message in its chat and hands the update to the dispatcher (webhook or getUpdates). Mistakes a real client
 * could not make (clicking a button that isn't there, writing into a missing topic) throw plain Errors.
 */
import type { CallbackQuery, Message, MessageEntity, Update, User } from "grammy/types";
import { withAutoEntities } from "./auto-entities.js";
import { callbackDataOf } from "./keyboard.js";
import { extensionOf, mimeTypeOf } from "./methods-media.js";
import type { ChatRecord, ChatSpec, EmulatorState, StoredFile, UserSpec } from "./state.js";
import type { UpdateDispatcher } from "./webhook-delivery.js";

const FIRST_UPDATE_ID = 100000001;

export interface SendTextInput {
  chat?: ChatSpec;
  from?: UserSpec;
  text: string;
  /** Formatting the user applied (bold etc.); commands, links and mentions are detected anyway. */
  entities?: MessageEntity[];
  replyToMessageId?: number;
  messageThreadId?: number;
}

export interface SendMediaInput {
  chat?: ChatSpec;
  from?: UserSpec;
  caption?: string;
  fileName?: string;
  bytes?: Buffer;
  /** A size to report instead of `bytes.length`, e.g. to try files above getFile's 20 MB without allocating. */
  fileSize?: number;
  replyToMessageId?: number;
  messageThreadId?: number;
}

export interface EditTextInput {
  chatId: number;
  messageId: number;
  text: string;
  from?: UserSpec;
}

export interface ClickButtonInput {
  chatId: number;
  messageId: number;
  data: string;
  from?: UserSpec;
}

type MediaKind = "photo" | "document" | "voice";

export class UserActions {
  private nextUpdateId: number;
  private readonly history = new Map<number, unknown>();

  constructor(
    private readonly state: EmulatorState,
    private readonly dispatcher: UpdateDispatcher,
    firstUpdateId = FIRST_UPDATE_ID,
  ) {
    this.nextUpdateId = firstUpdateId;
  }

  async sendText(input: SendTextInput): Promise<Update> {
    const length = input.text.length;
    if (length === 0 || length > 4096)
      throw new Error(`a Telegram message has 1-4096 characters, not ${length}`);
    const entities = withAutoEntities(input.text, input.entities ?? []);
    return this.post(input, { text: input.text, ...(entities.length > 0 ? { entities } : {}) });
  }

  async sendMedia(kind: MediaKind, input: SendMediaInput): Promise<Update> {
    const fileName =
      input.fileName ?? { photo: "photo.jpg", document: "document.pdf", voice: "voice.oga" }[kind];
    const bytes = input.bytes ?? Buffer.from(`emulated ${kind} ${fileName}`);
    const folder = ({ photo: "photos", document: "documents", voice: "voice" } as const)[kind];
    const file = this.state.registerFile(folder, extensionOf(fileName) || "dat", bytes, input.fileSize);
    const caption = input.caption ?? "";
    if (caption.length > 1024) throw new Error("a caption has at most 1024 characters");
    const captionEntities = withAutoEntities(caption, []);
    return this.post(input, {
      ...mediaOf(kind, file, fileName),
      ...(caption ? { caption } : {}),
      ...(captionEntities.length > 0 ? { caption_entities: captionEntities } : {}),
    });
  }

  async editText(input: EditTextInput): Promise<Update> {
    const user = this.actingUser(input.from, input.chatId);
    const record = this.knownChat(input.chatId);
    const stored = this.state.liveMessage(record, input.messageId);
    if (
      !stored ||
      stored.fromBot ||
      stored.message.from?.id !== user.id ||
      stored.message.text === undefined
    ) {
      throw new Error(
        `user ${user.id} has no text message ${input.messageId} in chat ${input.chatId} to edit`,
      );
    }
    const entities = withAutoEntities(input.text, []);
    const { entities: _old, ...rest } = stored.message;
    stored.message = {
      ...rest,
      text: input.text,
      ...(entities.length > 0 ? { entities } : {}),
      edit_date: this.state.unixNow(),
    } as Message;
    this.state.touch(record, input.messageId);
    return this.deliver({ edited_message: stored.message } as Omit<Update, "update_id">);
  }

  async clickButton(input: ClickButtonInput): Promise<Update> {
    const user = this.actingUser(input.from, input.chatId);
    const record = this.knownChat(input.chatId);
    const message = this.state.liveMessage(record, input.messageId)?.message;
    if (!message || !callbackDataOf(message.reply_markup).includes(input.data)) {
      throw new Error(
        `message ${input.messageId} in chat ${input.chatId} has no button with data "${input.data}"`,
      );
    }
    const query = this.state.addCallbackQuery({
      data: input.data,
      chatId: input.chatId,
      messageId: input.messageId,
      userId: user.id,
    });
    const callbackQuery: CallbackQuery = {
      id: query.id,
      from: user,
      message,
      chat_instance: String(BigInt(record.chat.id) * 7919n + BigInt(this.state.botUser.id)),
      data: input.data,
    } as CallbackQuery;
    return this.deliver({ callback_query: callbackQuery });
  }

  /** Blocking (or unblocking) the bot; Telegram tells the bot with a `my_chat_member` update. */
  blockBot(userId: number, blocked: boolean): void {
    if (this.state.blocked.has(userId) === blocked) return;
    if (blocked) this.state.blocked.add(userId);
    else this.state.blocked.delete(userId);
    const record = this.state.chats.get(userId);
    const user = this.state.users.get(userId);
    if (!record || !user) return;
    const bot = this.state.botUser;
    const member = { user: bot, status: "member" };
    const kicked = { user: bot, status: "kicked", until_date: 0 };
    void this.deliver({
      my_chat_member: {
        chat: record.chat,
        from: user,
        date: this.state.unixNow(),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
    } as Omit<Update, "update_id">);
  }

  async deliverRaw(update: unknown): Promise<void> {
    const given = (update as { update_id?: unknown } | null)?.update_id;
    const updateId = typeof given === "number" ? given : this.nextUpdateId++;
    this.history.set(updateId, update);
    await this.dispatcher.enqueue(updateId, update);
  }

  async redeliver(updateId: number): Promise<void> {
    if (!this.history.has(updateId)) throw new Error(`no update ${updateId} was delivered`);
    await this.dispatcher.enqueue(updateId, this.history.get(updateId));
  }

  private async deliver(payload: Omit<Update, "update_id">): Promise<Update> {
    const update = { update_id: this.nextUpdateId++, ...payload } as Update;
    this.history.set(update.update_id, update);
    await this.dispatcher.enqueue(update.update_id, update);
    return update;
  }

  private actingUser(spec: UserSpec | undefined, chatId: number): User {
    const record = this.knownChat(chatId);
    const id = spec?.id ?? (record.chat.type === "private" ? record.chat.id : undefined);
    return this.state.ensureUser({ ...spec, ...(id !== undefined ? { id } : {}) });
  }

  private knownChat(chatId: number): ChatRecord {
    const record = this.state.chats.get(chatId);
    if (!record) throw new Error(`chat ${chatId} does not exist yet: a user must write in it first`);
    return record;
  }

  /** Stores a user's message and delivers it, unless privacy mode hides it from the bot. */
  private async post(
    input: { chat?: ChatSpec; from?: UserSpec; replyToMessageId?: number; messageThreadId?: number },
    content: Record<string, unknown>,
  ): Promise<Update> {
    const isPrivate = (input.chat?.type ?? "private") === "private";
    const userId = input.from?.id ?? (isPrivate ? input.chat?.id : undefined);
    const user = this.state.ensureUser({ ...input.from, ...(userId !== undefined ? { id: userId } : {}) });
    if (this.state.blocked.has(user.id) && isPrivate) {
      throw new Error(`user ${user.id} blocked the bot; call blockBot(${user.id}, false) first`);
    }
    const record = this.state.ensureChat(input.chat, user);
    const threadId = this.threadOf(record, input.messageThreadId);
    const reply = this.replyOf(record, input.replyToMessageId);
    const message = this.state.addMessage(
      record,
      false,
      (messageId, date) =>
        ({
          message_id: messageId,
          ...(threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true } : {}),
          from: user,
          chat: record.chat,
          date,
          ...(reply ? { reply_to_message: reply } : {}),
          ...content,
        }) as Message,
    );
    if (!this.botSees(record, message)) return { update_id: 0, message } as Update;
    return this.deliver({ message } as Omit<Update, "update_id">);
  }

  private threadOf(record: ChatRecord, threadId: number | undefined): number | undefined {
    if (threadId === undefined) return undefined;
    if (!record.topics.has(threadId)) throw new Error(`chat ${record.chat.id} has no topic ${threadId}`);
    return threadId;
  }

  private replyOf(record: ChatRecord, messageId: number | undefined): Message | undefined {
    if (messageId === undefined) return undefined;
    const target = this.state.liveMessage(record, messageId)?.message;
    if (!target) throw new Error(`chat ${record.chat.id} has no message ${messageId} to reply to`);
    const { reply_to_message: _nested, ...shallow } = target;
    return shallow as Message;
  }

  /** Privacy mode: a non-admin bot in a group gets commands, replies to it and mentions of it only. */
  private botSees(record: ChatRecord, message: Message): boolean {
    if (record.chat.type === "private" || record.botIsAdmin) return true;
    const text = message.text ?? message.caption ?? "";
    const username = this.state.botUser.username ?? "";
    return (
      message.reply_to_message?.from?.id === this.state.botUser.id ||
      (message.entities ?? []).some((e) => e.type === "bot_command" && e.offset === 0) ||
      text.includes(`@${username}`)
    );
  }
}

function mediaOf(kind: MediaKind, file: StoredFile, fileName: string): Record<string, unknown> {
  const ids = { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size };
  if (kind === "photo") {
    return {
      photo: [
        { ...ids, width: 90, height: 90 },
        { ...ids, width: 1280, height: 1280 },
      ],
    };
  }
  if (kind === "voice") return { voice: { ...ids, duration: 1, mime_type: "audio/ogg" } };
  return { document: { ...ids, file_name: fileName, mime_type: mimeTypeOf(fileName) } };
}
