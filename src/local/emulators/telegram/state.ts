/**
 * What the emulated Telegram knows: users, chats (with their messages and forum topics), files, callback
 * queries and bot commands. Every change to a chat's messages bumps that chat's change sequence, which is the
 * cursor the control API's long poll hands out.
 */
import type { BotCommand, Chat, ForumTopic, Message, ReplyKeyboardMarkup, User } from "grammy/types";

export type NonChannelChat = Exclude<Chat, Chat.ChannelChat>;

/** How a test or the chat client describes the chat a user writes in. Defaults to the user's private chat. */
export interface ChatSpec {
  id?: number;
  type?: "private" | "group" | "supergroup";
  title?: string;
  username?: string;
  isForum?: boolean;
  /** Admins see every group message; a non-admin bot in privacy mode sees commands, replies and mentions only. */
  botIsAdmin?: boolean;
}

/** How a test or the chat client describes the user acting. */
export interface UserSpec {
  id?: number;
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export const DEFAULT_USER_ID = 100001;

export interface MessageRecord {
  message: Message;
  /** The chat's change sequence when this message was created, edited or deleted. */
  seq: number;
  deleted: boolean;
  fromBot: boolean;
  createdAt: number;
}

export interface ChatRecord {
  chat: NonChannelChat;
  botIsAdmin: boolean;
  nextMessageId: number;
  messages: Map<number, MessageRecord>;
  topics: Map<number, ForumTopic>;
  changeSeq: number;
  replyKeyboard?: ReplyKeyboardMarkup | undefined;
}

export interface StoredFile {
  fileId: string;
  fileUniqueId: string;
  size: number;
  bytes: Buffer | undefined;
  folder: "photos" | "documents" | "voice";
  extension: string;
  filePath?: string;
}

export interface CallbackRecord {
  id: string;
  data: string;
  chatId: number;
  messageId: number;
  userId: number;
  createdAt: number;
  answered: boolean;
  answer?: { text?: string | undefined; showAlert: boolean; url?: string | undefined };
}

export class EmulatorState {
  readonly users = new Map<number, User>();
  readonly blocked = new Set<number>();
  readonly chats = new Map<number, ChatRecord>();
  readonly files = new Map<string, StoredFile>();
  readonly filesByPath = new Map<string, StoredFile>();
  readonly callbackQueries = new Map<string, CallbackRecord>();
  readonly commands = new Map<string, BotCommand[]>();
  /** Woken on every message change in any chat (the control API's long polls wait here). */
  readonly listeners = new Set<() => void>();
  private fileSeq = 0;
  private callbackSeq = 0;

  constructor(
    readonly botUser: User,
    readonly now: () => Date,
    /** Where each chat's message ids start. */
    private readonly firstMessageId = 1,
  ) {}

  unixNow(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  ensureUser(spec: UserSpec = {}): User {
    const id = spec.id ?? DEFAULT_USER_ID;
    const known = this.users.get(id);
    const user: User = {
      id,
      is_bot: false,
      first_name: spec.firstName ?? known?.first_name ?? (id === DEFAULT_USER_ID ? "Alice" : `User ${id}`),
      ...((spec.lastName ?? known?.last_name) ? { last_name: spec.lastName ?? known?.last_name } : {}),
      ...((spec.username ?? known?.username) ? { username: spec.username ?? known?.username } : {}),
      language_code: spec.languageCode ?? known?.language_code ?? "en",
    };
    this.users.set(id, user);
    return user;
  }

  /** The chat a user acts in, created on first use (for a group: the bot is taken to be a member). */
  ensureChat(spec: ChatSpec | undefined, user: User): ChatRecord {
    const type = spec?.type ?? "private";
    const id = spec?.id ?? (type === "private" ? user.id : -1001000000000 - this.chats.size);
    const known = this.chats.get(id);
    if (known) return known;
    if (type === "private" && id !== user.id) {
      throw new Error(`a private chat's id is its user's id (chat ${id}, user ${user.id})`);
    }
    const chat: NonChannelChat =
      type === "private"
        ? {
            id,
            type,
            first_name: user.first_name,
            ...(user.last_name ? { last_name: user.last_name } : {}),
            ...(user.username ? { username: user.username } : {}),
          }
        : type === "group"
          ? { id, type, title: spec?.title ?? "Test group" }
          : {
              id,
              type,
              title: spec?.title ?? "Test supergroup",
              ...(spec?.username ? { username: spec.username } : {}),
              ...(spec?.isForum ? { is_forum: true } : {}),
            };
    const record: ChatRecord = {
      chat,
      botIsAdmin: spec?.botIsAdmin ?? true,
      nextMessageId: this.firstMessageId,
      messages: new Map(),
      topics: new Map(),
      changeSeq: 0,
    };
    this.chats.set(id, record);
    return record;
  }

  /** Finds a chat by numeric id or `@username`, as `chat_id` may be either. */
  findChat(chatId: string | number): ChatRecord | undefined {
    if (typeof chatId === "string" && chatId.startsWith("@")) {
      const username = chatId.slice(1).toLowerCase();
      return [...this.chats.values()].find((c) => c.chat.username?.toLowerCase() === username);
    }
    const id = Number(chatId);
    return Number.isInteger(id) ? this.chats.get(id) : undefined;
  }

  /** Stores a new message built around the next message id of the chat. */
  addMessage(
    record: ChatRecord,
    fromBot: boolean,
    build: (messageId: number, date: number) => Message,
  ): Message {
    const messageId = record.nextMessageId++;
    const message = build(messageId, this.unixNow());
    record.messages.set(messageId, {
      message,
      seq: 0,
      deleted: false,
      fromBot,
      createdAt: this.now().getTime(),
    });
    this.touch(record, messageId);
    return message;
  }

  liveMessage(record: ChatRecord, messageId: number): MessageRecord | undefined {
    const stored = record.messages.get(messageId);
    return stored && !stored.deleted ? stored : undefined;
  }

  /** Records a change of one message and wakes the control API's long polls on this chat. */
  touch(record: ChatRecord, messageId: number): void {
    const stored = record.messages.get(messageId);
    if (!stored) return;
    stored.seq = ++record.changeSeq;
    this.wakeListeners();
  }

  wakeListeners(): void {
    for (const wake of [...this.listeners]) wake();
  }

  registerFile(
    folder: StoredFile["folder"],
    extension: string,
    bytes: Buffer | undefined,
    size = bytes?.length ?? 0,
  ): StoredFile {
    const seq = ++this.fileSeq;
    const tag = { photos: "AgAC", documents: "BQAC", voice: "AwAC" }[folder];
    const file: StoredFile = {
      fileId: `${tag}${Buffer.from(`emulator:${folder}:${seq}`).toString("base64url")}`,
      fileUniqueId: `AQAD${Buffer.from(`u${seq}`).toString("base64url")}`,
      size,
      bytes,
      folder,
      extension,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  addCallbackQuery(input: Omit<CallbackRecord, "id" | "createdAt" | "answered">): CallbackRecord {
    const id = `${this.botUser.id}${String(++this.callbackSeq).padStart(9, "0")}`;
    const record: CallbackRecord = { ...input, id, createdAt: this.now().getTime(), answered: false };
    this.callbackQueries.set(id, record);
    return record;
  }
}
