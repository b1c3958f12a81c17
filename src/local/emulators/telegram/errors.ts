/**
 * Errors the emulated Bot API answers with. The descriptions copy what api.telegram.org returns, because
 * bots (ours included) branch on `error_code` and sometimes on the description text.
 */

/** Extra fields Telegram adds to some errors (`parameters` in the response envelope). */
export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** A Bot API error: rendered as `{ ok: false, error_code, description, parameters? }` with the same HTTP status. */
export class BotApiError extends Error {
  override readonly name = "BotApiError";
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }

  toJSON(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.errorCode,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

/** 400 with the `Bad Request: ` prefix every real 400 carries. */
export const badRequest = (detail: string): BotApiError => new BotApiError(400, `Bad Request: ${detail}`);

/** 403 with the `Forbidden: ` prefix. */
export const forbidden = (detail: string): BotApiError => new BotApiError(403, `Forbidden: ${detail}`);

export const unauthorized = (): BotApiError => new BotApiError(401, "Unauthorized");
export const notFound = (): BotApiError => new BotApiError(404, "Not Found");
export const entityTooLarge = (): BotApiError => new BotApiError(413, "Request Entity Too Large");

export const tooManyRequests = (retryAfter: number): BotApiError =>
  new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

/** Error raised by the entity parsers; wrapped as `Bad Request: can't parse entities: <message>`. */
export class EntityParseError extends Error {
  override readonly name = "EntityParseError";
}

export const cantParseEntities = (error: EntityParseError): BotApiError =>
  badRequest(`can't parse entities: ${error.message}`);

/** Descriptions used in more than one place. */
export const Descriptions = {
  chatNotFound: "chat not found",
  blocked: "bot was blocked by the user",
  textEmpty: "message text is empty",
  textTooLong: "message is too long",
  captionTooLong: "message caption is too long",
  messageToEditNotFound: "message to edit not found",
  notModified:
    "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
  queryTooOld: "query is too old and response timeout expired or query ID is invalid",
  threadNotFound: "message thread not found",
  replyNotFound: "message to be replied not found",
  webhookConflict:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  pollConflict:
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
} as const;
