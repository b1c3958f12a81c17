/**
 * The Bot API method table and the runner that applies fault injection, logs every call and renders the
 * response envelope. Method names are case-insensitive, as on api.telegram.org.
 */
import { BotApiError, notFound } from "./errors.js";
import { Described, type MethodContext } from "./method-context.js";
import * as bot from "./methods-bot.js";
import * as media from "./methods-media.js";
import * as messages from "./methods-messages.js";
import type { Params } from "./params.js";

export type MethodHandler = (params: Params, ctx: MethodContext) => unknown;

const METHODS: Record<string, MethodHandler> = {
  getMe: bot.getMe,
  setMyCommands: bot.setMyCommands,
  getMyCommands: bot.getMyCommands,
  deleteMyCommands: bot.deleteMyCommands,
  getChat: bot.getChat,
  answerCallbackQuery: bot.answerCallbackQuery,
  setWebhook: bot.setWebhook,
  deleteWebhook: bot.deleteWebhook,
  getWebhookInfo: bot.getWebhookInfo,
  getUpdates: bot.getUpdates,
  sendMessage: messages.sendMessage,
  editMessageText: messages.editMessageText,
  editMessageReplyMarkup: messages.editMessageReplyMarkup,
  deleteMessage: messages.deleteMessage,
  setMessageReaction: messages.setMessageReaction,
  sendChatAction: messages.sendChatAction,
  createForumTopic: messages.createForumTopic,
  sendPhoto: media.sendPhoto,
  sendDocument: media.sendDocument,
  sendVoice: media.sendVoice,
  getFile: media.getFile,
};

const BY_LOWER_NAME = new Map(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** One Bot API call as the emulator saw it. */
export interface CallRecord {
  method: string;
  params: Record<string, unknown>;
  at: Date;
  response: unknown;
}

/** An error the next calls of a method answer with, before any validation. */
export interface InjectedFault {
  error_code: number;
  description: string;
  retry_after?: number;
}

export interface MethodResponse {
  status: number;
  body: Record<string, unknown>;
}

export class MethodRunner {
  readonly calls: CallRecord[] = [];
  private readonly faults = new Map<string, { error: InjectedFault; times: number }>();
  private readonly interruptions = new Map<string, () => Promise<unknown>>();

  constructor(private readonly ctx: MethodContext) {}

  failNext(method: string, error: InjectedFault, times = 1): void {
    this.faults.set(method.toLowerCase(), { error, times });
  }

  beforeNext(method: string, interruption: () => Promise<unknown>): void {
    this.interruptions.set(method.toLowerCase(), interruption);
  }

  async run(method: string, params: Params): Promise<MethodResponse> {
    const entry = BY_LOWER_NAME.get(method.toLowerCase());
    const interruption = this.interruptions.get(method.toLowerCase());
    this.interruptions.delete(method.toLowerCase());
    await interruption?.();
    const at = this.ctx.state.now();
    const response = await this.execute(method, entry?.handler, params);
    this.calls.push({ method: entry?.name ?? method, params: params.forLog(), at, response: response.body });
    return response;
  }

  private takeFault(method: string): BotApiError | undefined {
    const key = method.toLowerCase();
    const fault = this.faults.get(key);
    if (!fault) return undefined;
    if (--fault.times <= 0) this.faults.delete(key);
    const { error_code, description, retry_after } = fault.error;
    return new BotApiError(error_code, description, retry_after === undefined ? undefined : { retry_after });
  }

  private async execute(
    method: string,
    handler: MethodHandler | undefined,
    params: Params,
  ): Promise<MethodResponse> {
    try {
      const fault = this.takeFault(method);
      if (fault) throw fault;
      if (!handler) throw notFound();
      const result = await handler(params, this.ctx);
      if (result instanceof Described) {
        return { status: 200, body: { ok: true, result: result.result, description: result.description } };
      }
      return { status: 200, body: { ok: true, result } };
    } catch (error) {
      if (error instanceof BotApiError) return { status: error.errorCode, body: error.toJSON() };
      console.error(`[telegram-emulator] ${method} failed`, error);
      return { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } };
    }
  }
}
