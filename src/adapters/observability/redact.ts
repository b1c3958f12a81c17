/**
 * A Telegram bot token is `<bot id>:<35 characters>`; it travels in every Bot API URL
 * (`/bot<token>/method`, `/file/bot<token>/path`), so any error that quotes a URL quotes the token.
 */
const BOT_TOKEN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;

export const REDACTED = "[redacted]";

/** The text with every bot-token-shaped run replaced. */
export function redactSecrets(text: string): string {
  return text.replace(BOT_TOKEN, REDACTED);
}

/** A JSON replacer that redacts every string value of a log line. */
export function redactingReplacer(_key: string, value: unknown): unknown {
  return typeof value === "string" ? redactSecrets(value) : value;
}
