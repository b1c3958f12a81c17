import type { Update } from "grammy/types";
import type { DeliveryOutcome } from "../../domain/process-once.js";
import { parseJsonBody, respond, type WebhookRequest, type WebhookResponse } from "../http/http-types.js";
import { telegramSecretMatches } from "../http/webhook-auth.js";
import { parseUpdate } from "./update-schema.js";

export interface TelegramEndpointDeps {
  /** Secrets Telegram may present (two while one is being rotated); none means no check (local only). */
  acceptedSecrets: () => Promise<readonly string[]>;
  /** The same re-read past any cache; asked once when a token matches none, in case a rotation just switched. */
  refreshedSecrets?: () => Promise<readonly string[]>;
  process: (update: Update) => Promise<DeliveryOutcome>;
  /** Told why a call was refused (auth, size, shape); never given the body. */
  onRejected?: (reason: string) => void;
  /**
   * Started with each call, before the secret check, and not awaited: work every genuine update needs anyway
   * (on a new container, the bot token and the bot's identity), so that it overlaps the check.
   */
  prepare?: () => void;
}

/** `POST /telegram/webhook`: authenticate, validate, run once. Anything but 2xx makes Telegram retry. */
export function telegramWebhookEndpoint(deps: TelegramEndpointDeps) {
  return async (request: WebhookRequest): Promise<WebhookResponse> => {
    deps.prepare?.();
    const received = request.headers["x-telegram-bot-api-secret-token"];
    const matches = (secrets: readonly string[]) =>
      secrets.length === 0 || telegramSecretMatches(received, secrets);
    const authentic =
      matches(await deps.acceptedSecrets()) ||
      (deps.refreshedSecrets !== undefined && matches(await deps.refreshedSecrets()));
    if (!authentic) {
      deps.onRejected?.("secret token missing or wrong");
      return respond(401, { error: "unauthorized" });
    }
    const body = parseJsonBody(request.rawBody);
    if (!body.ok) {
      deps.onRejected?.(body.reason);
      return body.response;
    }
    const parsed = parseUpdate(body.value);
    if (!parsed.ok) {
      const reason = `not a Telegram update: ${parsed.reason}`;
      deps.onRejected?.(reason);
      return respond(400, { error: reason });
    }
    const outcome = await deps.process(parsed.update);
    return respond(200, { ok: true, outcome });
  };
}
