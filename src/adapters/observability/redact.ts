/** Secrets shorter than this are not masked by value: they would mask ordinary words and numbers. */
const MIN_REMEMBERED_LENGTH = 8;

/** A bot token inside a Bot API URL (`/bot<token>/method`, `/file/bot<token>/path`), whatever its shape. */
const TOKEN_IN_URL = /(?<=\/bot)\d+:[^/\s"'?#]+/g;
/** A bot token anywhere: `<bot id>:<35 characters>`. */
const BARE_BOT_TOKEN = /\b\d{5,}:[A-Za-z0-9_-]{30,}/g;

export const REDACTED = "[redacted]";

const remembered = new Set<string>();

/**
 * Masks `value` in every later log line, wherever it turns up. The wiring calls this for each credential
 * it loads (bot token, webhook secrets, Zendesk token), so no library's error message can leak one.
 */
export function rememberSecret(value: string): void {
  if (value.length >= MIN_REMEMBERED_LENGTH) remembered.add(value);
  // A JSON secret (the Zendesk API token's `{token, id}`) leaks by its fields, not by the whole string.
  for (const field of jsonStringFields(value)) rememberSecret(field);
}

function jsonStringFields(value: string): string[] {
  if (!value.trimStart().startsWith("{")) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== "object" || parsed === null) return [];
    return Object.values(parsed).filter((field): field is string => typeof field === "string");
  } catch {
    return [];
  }
}

/** The text with every remembered secret and every bot-token-shaped run replaced. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of remembered) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  return result.replace(TOKEN_IN_URL, REDACTED).replace(BARE_BOT_TOKEN, REDACTED);
}

/** A JSON replacer that redacts every string value of a log line. */
export function redactingReplacer(_key: string, value: unknown): unknown {
  return typeof value === "string" ? redactSecrets(value) : value;
}
