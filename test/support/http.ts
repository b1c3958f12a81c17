import { zendeskSignature } from "../../src/adapters/http/webhook-auth.js";

export async function post(
  url: string,
  body: string | object,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Headers as Zendesk signs a webhook: base64 HMAC-SHA256 over timestamp + raw body. */
export function zendeskHeaders(secret: string, rawBody: string, at: Date): Record<string, string> {
  const timestamp = `${at.toISOString().slice(0, 19)}Z`;
  return {
    "x-zendesk-webhook-signature": zendeskSignature(secret, timestamp, rawBody),
    "x-zendesk-webhook-signature-timestamp": timestamp,
  };
}
