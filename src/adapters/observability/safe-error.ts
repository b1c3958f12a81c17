import { BotError, GrammyError } from "grammy";

export interface SafeError {
  name: string;
  message: string;
  /** The Bot API method and Telegram's error code, when Telegram refused a call. */
  method?: string;
  code?: number;
  cause?: SafeError;
}

/**
 * What of an error may be logged. grammY's BotError carries the whole context (bot token, message text)
 * and GrammyError the request payload (customer text): both are reduced to names, codes and messages.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (error instanceof BotError) return safeError(error.error, depth);
  if (error instanceof GrammyError) {
    return { name: error.name, message: error.description, method: error.method, code: error.error_code };
  }
  if (!(error instanceof Error)) return { name: "NonError", message: String(error) };
  const result: SafeError = { name: error.name, message: error.message };
  if (error.cause !== undefined && depth < 3) result.cause = safeError(error.cause, depth + 1);
  return result;
}
