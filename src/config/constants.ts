/** How long conversation data (sessions, requests, ticket links, SLA clocks) is kept: the item TTL. */
export const CONVERSATION_RETENTION_SECONDS = 90 * 24 * 3600;

/**
 * How long agent corrections (labelled examples for retraining, with the customer's description) are kept:
 * long enough to collect a retraining batch, bounded because they hold what customers wrote.
 */
export const CORRECTION_RETENTION_SECONDS = 180 * 24 * 3600;

/** Telegram's public Bot API, unless a deployment or the local stack names another. */
/**
 * How long the bot's identity (getMe) is kept in the table for new containers. A change made in BotFather
 * (name, group settings) reaches new containers within this time; warm ones keep theirs until they end.
 */
export const BOT_IDENTITY_SECONDS = 3600;

/** How long a function trusts a cached secret: a rotated value reaches warm containers within this time. */
export const SECRET_MAX_AGE_SECONDS = 300;

export const PUBLIC_BOT_API_ROOT = "https://api.telegram.org";

/**
 * How long Done waits for Help Center articles before going on to the summary without them: the customer
 * is looking at a spinner, and the Telegram webhook must be answered quickly.
 */
export const HELP_CENTER_SEARCH_TIMEOUT_MS = 1500;

/**
 * Messages held for the customer's answer to "which request?" (or to a new-request offer): `holdSeconds`,
 * how long they wait before the buttons answer "expired"; `burstSeconds`, how long after the last message
 * the question takes the customer's next one into it, after which a new message gets its own question at the
 * bottom of the chat; `nudgeSeconds`, how long after it was asked a question still unanswered (its messages
 * have reached no one) is pointed at, once the burst is quiet.
 */
export const HOLD_TIMES = { holdSeconds: 24 * 3600, burstSeconds: 10 * 60, nudgeSeconds: 30 * 60 } as const;
