/** A webhook request as both API Gateway and the local server see it: raw body, lower-case header names. */
export interface WebhookRequest {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: string;
}

export interface WebhookResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** API Gateway's own cap is 10 MB; no Telegram update or Zendesk event comes near 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const respond = (status: number, body: Record<string, unknown>): WebhookResponse => ({ status, body });

export function parseJsonBody(
  rawBody: string,
): { ok: true; value: unknown } | { ok: false; reason: string; response: WebhookResponse } {
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
    const reason = `body larger than ${MAX_BODY_BYTES} bytes`;
    return { ok: false, reason, response: respond(413, { error: reason }) };
  }
  try {
    return { ok: true, value: JSON.parse(rawBody) };
  } catch {
    const reason = "body is not valid JSON";
    return { ok: false, reason, response: respond(400, { error: reason }) };
  }
}

export function lowerCaseHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) result[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return result;
}
