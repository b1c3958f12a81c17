import { BotError, GrammyError, HttpError } from "grammy";
import { redactSecrets } from "./redact.js";
import { stackFrames } from "./stack-frames.js";

export interface SafeError {
  name: string;
  message: string;
  /** The Bot API method and Telegram's error code, when Telegram refused a call. */
  method?: string;
  code?: number;
  /** Where it was thrown: the first frames, at TypeScript lines where a bundle's source map covers them. */
  stack?: string[];
  cause?: SafeError;
}

/**
 * What of an error may be logged. grammY's BotError carries the whole context (bot token, message text)
 * and GrammyError the request payload (customer text): both are reduced to names, codes and messages.
 * Messages are redacted too: a failed fetch quotes its URL, and Bot API URLs hold the bot token.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (error instanceof BotError) return safeError(error.error, depth);
  if (error instanceof GrammyError) {
    return {
      name: error.name,
      message: redactSecrets(error.description),
      method: error.method,
      code: error.error_code,
    };
  }
  if (!(error instanceof Error)) return { name: "NonError", message: redactSecrets(String(error)) };
  const result: SafeError = {
    name: error.name,
    message: redactSecrets(error.message),
    stack: stackFrames(error).map(redactSecrets),
  };
  // grammY keeps the network failure of an HttpError in `error`, not in `cause`.
  const cause = error instanceof HttpError ? error.error : error.cause;
  if (cause !== undefined && depth < 3) result.cause = safeError(cause, depth + 1);
  return result;
}
