import { processOnce } from "../../domain/process-once.js";
import type { Clock } from "../../ports/clock.js";
import type { DeliveryLedger } from "../../ports/delivery-ledger.js";
import { parseJsonBody, respond, type WebhookRequest, type WebhookResponse } from "../http/http-types.js";
import { verifyZendeskSignature } from "../http/webhook-auth.js";
import { type ZendeskEvent, zendeskEventSchema } from "./webhook-event-schema.js";

export interface ZendeskEndpointDeps {
  /** Signing secrets accepted now (the previous one too during a rotation's grace window). */
  acceptedSecrets: () => Promise<readonly string[]>;
  /** The same re-read past any cache; asked once when a signature matches none, in case a rotation just switched. */
  refreshedSecrets?: () => Promise<readonly string[]>;
  ledger: DeliveryLedger;
  clock: Clock;
  handle: (event: ZendeskEvent) => Promise<void>;
  /** Told why a call was refused (signature, size, shape); never given the body. */
  onRejected?: (reason: string) => void;
  onFailed?: (error: unknown, event: ZendeskEvent) => void;
}

/** Longer than the routing function's timeout, so a live handler never loses its claim. */
const LEASE_SECONDS = 60;

/**
 * `POST /zendesk/webhook`: verify the HMAC signature over timestamp + raw body, refuse stale timestamps,
 * then handle each event id once. A failure answers 503 with Retry-After, the one failure Zendesk retries.
 */
export function zendeskWebhookEndpoint(deps: ZendeskEndpointDeps) {
  return async (request: WebhookRequest): Promise<WebhookResponse> => {
    const verify = (secrets: readonly string[]) =>
      verifyZendeskSignature({
        signature: request.headers["x-zendesk-webhook-signature"],
        timestamp: request.headers["x-zendesk-webhook-signature-timestamp"],
        rawBody: request.rawBody,
        secrets,
        now: deps.clock.now(),
      });
    let verdict = verify(await deps.acceptedSecrets());
    if (!verdict.ok && verdict.reason === "bad-signature" && deps.refreshedSecrets) {
      verdict = verify(await deps.refreshedSecrets());
    }
    if (!verdict.ok) {
      deps.onRejected?.(verdict.reason);
      return respond(401, { error: `unauthorized: ${verdict.reason}` });
    }
    const body = parseJsonBody(request.rawBody);
    if (!body.ok) {
      deps.onRejected?.(body.reason);
      return body.response;
    }
    const parsed = zendeskEventSchema.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const reason = `not a Zendesk event: ${issue?.path.join(".") || "body"}: ${issue?.message}`;
      deps.onRejected?.(reason);
      return respond(400, { error: reason });
    }
    const key = { source: "zendesk-event", id: parsed.data.id } as const;
    try {
      const outcome = await processOnce(deps.ledger, key, LEASE_SECONDS, () => deps.handle(parsed.data));
      return respond(200, { ok: true, outcome });
    } catch (error) {
      deps.onFailed?.(error, parsed.data);
      // Zendesk does not retry a 500; it does retry a 503 whose Retry-After is under a minute.
      return { status: 503, headers: { "retry-after": "10" }, body: { error: "temporarily unavailable" } };
    }
  };
}
