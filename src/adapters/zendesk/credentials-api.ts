import { HelpDeskRejected } from "../../ports/help-desk.js";
import { zendeskBasicAuth } from "./zendesk-client.js";
import { defaultTransportSettings, type TransportSettings, zendeskTransport } from "./zendesk-transport.js";

interface ApiTokenCreated {
  api_token: { id: number; token?: string; full_token?: string };
}

/**
 * The Zendesk calls credential rotation makes (API tokens, webhook signing secrets). Each call names the API
 * token it authenticates with, because a rotation uses the current token and tests the pending one.
 * Errors are the help desk port's, through the shared transport.
 */
export class ZendeskCredentialsApi {
  private readonly send: ReturnType<typeof zendeskTransport>;

  constructor(
    private readonly settings: { url: string; email: string },
    transport: TransportSettings = defaultTransportSettings,
  ) {
    this.send = zendeskTransport(transport);
  }

  /** `POST /api/v2/api_tokens`; the full token is shown only in this response. */
  async createApiToken(auth: string, description: string): Promise<{ id: number; token: string }> {
    const body = (await this.call(auth, "POST", "/api_tokens", {
      token: { description },
    })) as ApiTokenCreated;
    const token = body.api_token.full_token ?? body.api_token.token;
    if (!token) throw new Error("Zendesk created an API token without showing it");
    return { id: body.api_token.id, token };
  }

  async listApiTokens(auth: string): Promise<Array<{ id: number; description: string }>> {
    const body = (await this.call(auth, "GET", "/api_tokens")) as {
      api_tokens: Array<{ id: number; description?: string }>;
    };
    return body.api_tokens.map((t) => ({ id: t.id, description: t.description ?? "" }));
  }

  /** `DELETE /api/v2/api_tokens/{id}`; a token already gone counts as deleted. */
  async deleteApiToken(auth: string, id: number): Promise<void> {
    try {
      await this.call(auth, "DELETE", `/api_tokens/${id}`);
    } catch (error) {
      if (!(error instanceof HelpDeskRejected && error.status === 404)) throw error;
    }
  }

  /** `GET /api/v2/users/me`: the id of the user `auth` authenticates as (401 for a bad token). */
  async authenticatedUserId(auth: string): Promise<number | null> {
    const body = (await this.call(auth, "GET", "/users/me")) as { user?: { id?: number | null } };
    return body.user?.id ?? null;
  }

  /** The id of the webhook that posts to `endpoint` (the bridge's own `/zendesk/webhook`). */
  async webhookIdFor(auth: string, endpoint: string): Promise<string> {
    const body = (await this.call(auth, "GET", "/webhooks")) as {
      webhooks: Array<{ id: string; endpoint: string }>;
    };
    const webhook = body.webhooks.find((w) => w.endpoint === endpoint);
    if (!webhook) throw new Error(`no Zendesk webhook posts to ${endpoint}; run npm run zendesk:setup first`);
    return webhook.id;
  }

  /** `POST /api/v2/webhooks/{id}/signing_secret`: Zendesk signs with a new secret from now on. */
  async resetSigningSecret(auth: string, webhookId: string): Promise<void> {
    await this.call(auth, "POST", `/webhooks/${encodeURIComponent(webhookId)}/signing_secret`);
  }

  /** `GET /api/v2/webhooks/{id}/signing_secret`: the secret Zendesk signs with now. */
  async signingSecret(auth: string, webhookId: string): Promise<string> {
    const body = (await this.call(
      auth,
      "GET",
      `/webhooks/${encodeURIComponent(webhookId)}/signing_secret`,
    )) as {
      signing_secret: { secret: string };
    };
    return body.signing_secret.secret;
  }

  /** Basic credentials for an API token of the configured agent. */
  auth(apiToken: string): string {
    return zendeskBasicAuth(this.settings.email, apiToken);
  }

  private async call(auth: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await this.send(`${this.settings.url}/api/v2${path}`, {
      method,
      headers: {
        authorization: auth,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return text === "" ? {} : JSON.parse(text);
  }
}
