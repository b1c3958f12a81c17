import { randomBytes } from "node:crypto";
import type { EmulatorContext } from "./context.js";
import { ApiError } from "./errors.js";
import { isoSeconds, ulid } from "./ids.js";
import { asRecord, asString, asStringArray, type Json } from "./json.js";
import { created, noContent, ok } from "./responses.js";
import type { Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { Webhook, WebhookAuthentication } from "./types.js";

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const REQUEST_FORMATS = ["json", "xml", "form_encoded"] as const;
const AUTH_TYPES = ["basic_auth", "bearer_token", "api_key"] as const;
const TRIGGER_SUBSCRIPTION = "conditional_ticket_events";

/** The Webhooks API reports errors as a JSON:API-style `errors` array rather than `error`/`description`. */
const webhookError = (status: number, code: string, title: string, detail: string): ApiError =>
  new ApiError(status, { errors: [{ code, title, detail }] });
const invalid = (detail: string): ApiError => webhookError(400, "InvalidInput", "Invalid input", detail);
const notFound = (): ApiError => webhookError(404, "NotFound", "Not Found", "Webhook not found");

const newSecret = (): string => randomBytes(32).toString("base64");

function readAuthentication(raw: unknown): WebhookAuthentication | undefined {
  const auth = asRecord(raw);
  if (!auth) return undefined;
  const type = asString(auth.type);
  if (!type || !(AUTH_TYPES as readonly string[]).includes(type)) {
    throw invalid(`authentication.type must be one of ${AUTH_TYPES.join(", ")}`);
  }
  const data = asRecord(auth.data);
  const out: WebhookAuthentication = { type: type as WebhookAuthentication["type"], add_position: "header" };
  if (data) out.data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, String(v)]));
  return out;
}

/** Validates a complete webhook definition (create and PUT), including the event-subscription rules. */
function validateWebhook(input: Json): void {
  const name = asString(input.name);
  if (!name?.trim()) throw invalid("name is required");
  const endpoint = asString(input.endpoint);
  if (!endpoint || !URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
    throw invalid("endpoint must be a valid http(s) URL");
  }
  const method = asString(input.http_method);
  if (!method || !(HTTP_METHODS as readonly string[]).includes(method)) {
    throw invalid(`http_method must be one of ${HTTP_METHODS.join(", ")}`);
  }
  const format = asString(input.request_format);
  if (!format || !(REQUEST_FORMATS as readonly string[]).includes(format)) {
    throw invalid(`request_format must be one of ${REQUEST_FORMATS.join(", ")}`);
  }
  const status = asString(input.status);
  if (status !== "active" && status !== "inactive") throw invalid("status must be active or inactive");
  const subscriptions = asStringArray(input.subscriptions) ?? [];
  const events = subscriptions.filter((s) => s !== TRIGGER_SUBSCRIPTION);
  if (events.length > 0 && events.length !== subscriptions.length) {
    throw invalid("A webhook connected to triggers cannot also subscribe to events");
  }
  if (events.some((s) => !s.startsWith("zen:event-type:"))) throw invalid("Unknown subscription event type");
  if (events.length > 0 && (method !== "POST" || format !== "json")) {
    throw invalid("Webhooks subscribed to Zendesk events must use http_method POST and request_format json");
  }
}

function buildWebhook(
  state: EmulatorState,
  id: string,
  input: Json,
  createdAt: string,
  createdBy: string,
): Webhook {
  const now = isoSeconds(state.now());
  const webhook: Webhook = {
    id,
    name: asString(input.name) ?? "",
    description: asString(input.description) ?? "",
    status: asString(input.status) === "inactive" ? "inactive" : "active",
    endpoint: asString(input.endpoint) ?? "",
    http_method: (asString(input.http_method) ?? "POST") as Webhook["http_method"],
    request_format: (asString(input.request_format) ?? "json") as Webhook["request_format"],
    subscriptions: asStringArray(input.subscriptions) ?? [],
    created_at: createdAt,
    created_by: createdBy,
    updated_at: now,
    updated_by: String(state.apiUserId),
  };
  const authentication = readAuthentication(input.authentication);
  if (authentication) webhook.authentication = authentication;
  const customHeaders = asRecord(input.custom_headers);
  if (customHeaders) {
    webhook.custom_headers = Object.fromEntries(
      Object.entries(customHeaders).map(([k, v]) => [k, String(v)]),
    );
  }
  return webhook;
}

/** What the API shows: authentication data is write-only. */
function present(webhook: Webhook): Webhook {
  if (!webhook.authentication) return webhook;
  const { data: _hidden, ...authentication } = webhook.authentication;
  return { ...webhook, authentication };
}

function findWebhook(state: EmulatorState, id: string | undefined): Webhook {
  const webhook = state.webhooks.get(id ?? "");
  if (!webhook) throw notFound();
  return webhook;
}

function webhookBody(json: unknown): Json {
  const webhook = asRecord(asRecord(json)?.webhook);
  if (!webhook) throw invalid("webhook is required");
  return webhook;
}

export function webhookRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: "GET",
      pattern: "/webhooks",
      handler: (req) => {
        const nameContains = req.query.get("filter[name_contains]")?.toLowerCase();
        const status = req.query.get("filter[status]");
        const webhooks = [...state.webhooks.values()].filter(
          (w) =>
            (!nameContains || w.name.toLowerCase().includes(nameContains)) &&
            (!status || w.status === status),
        );
        return ok({
          webhooks: webhooks.map(present),
          meta: { has_more: false, after_cursor: null, before_cursor: null },
          links: { next: null, prev: null },
        });
      },
    },
    {
      method: "POST",
      pattern: "/webhooks",
      handler: (req) => {
        const input = webhookBody(req.json);
        validateWebhook(input);
        const id = ulid(state.now());
        const webhook = buildWebhook(
          state,
          id,
          input,
          isoSeconds(state.now()),
          String(req.userId ?? state.apiUserId),
        );
        state.webhooks.set(id, webhook);
        const requested = asString(asRecord(input.signing_secret)?.secret);
        state.signingSecrets.set(id, requested ?? newSecret());
        return created({ webhook: present(webhook) });
      },
    },
    {
      method: "GET",
      pattern: "/webhooks/:id",
      handler: (req) => ok({ webhook: present(findWebhook(state, req.params.id)) }),
    },
    {
      method: "PUT",
      pattern: "/webhooks/:id",
      handler: (req) => {
        const existing = findWebhook(state, req.params.id);
        const input = webhookBody(req.json);
        validateWebhook(input);
        state.webhooks.set(
          existing.id,
          buildWebhook(state, existing.id, input, existing.created_at, existing.created_by),
        );
        return noContent();
      },
    },
    {
      // JSON merge patch (RFC 7396) over the stored definition, then the same validation as PUT.
      method: "PATCH",
      pattern: "/webhooks/:id",
      handler: (req) => {
        const existing = findWebhook(state, req.params.id);
        const patch = webhookBody(req.json);
        const merged: Json = { ...existing, ...patch };
        for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
        validateWebhook(merged);
        state.webhooks.set(
          existing.id,
          buildWebhook(state, existing.id, merged, existing.created_at, existing.created_by),
        );
        return noContent();
      },
    },
    {
      method: "DELETE",
      pattern: "/webhooks/:id",
      handler: (req) => {
        const webhook = findWebhook(state, req.params.id);
        state.webhooks.delete(webhook.id);
        state.signingSecrets.delete(webhook.id);
        return noContent();
      },
    },
    {
      method: "GET",
      pattern: "/webhooks/:id/signing_secret",
      handler: (req) => {
        const webhook = findWebhook(state, req.params.id);
        return ok({
          signing_secret: { algorithm: "SHA256", secret: state.signingSecrets.get(webhook.id) ?? "" },
        });
      },
    },
    {
      method: "POST",
      pattern: "/webhooks/:id/signing_secret",
      handler: (req) => {
        const webhook = findWebhook(state, req.params.id);
        const secret = newSecret();
        state.signingSecrets.set(webhook.id, secret);
        return created({ signing_secret: { algorithm: "SHA256", secret } });
      },
    },
  ];
}
