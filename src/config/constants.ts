/** How long conversation data (sessions, requests, ticket links, SLA clocks) is kept: the item TTL. */
export const CONVERSATION_RETENTION_SECONDS = 90 * 24 * 3600;

/** Telegram's public Bot API, unless a deployment or the local stack names another. */
export const PUBLIC_BOT_API_ROOT = "https://api.telegram.org";

/** How long a message waits for the customer to choose its ticket; after that its buttons answer "expired". */
export const HELD_MESSAGE_SECONDS = 24 * 3600;
