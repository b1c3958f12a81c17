import zendesk, { type ZendeskClient } from "node-zendesk";
import {
  defaultTransportSettings,
  type TransportCredentials,
  type TransportSettings,
  zendeskTransport,
} from "./zendesk-transport.js";

/**
 * An API token that can change while a container lives (rotation): read through a short cache on every call,
 * and re-read past the cache once when Zendesk answers 401.
 */
export interface ApiTokenSource {
  current(): Promise<string>;
  refreshed(): Promise<string>;
}

export interface ZendeskApiSettings {
  /** e.g. https://acme.zendesk.com; the API lives under /api/v2. */
  readonly url: string;
  readonly email: string;
  readonly apiToken: string | ApiTokenSource;
}

/** `Authorization` for an agent's API token: Basic `{email}/token:{token}`. */
export const zendeskBasicAuth = (email: string, apiToken: string): string =>
  `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString("base64")}`;

/** The settings' credentials as the transport uses them: the header now, and after a 401 a fresh one. */
export function credentialsOf(settings: ZendeskApiSettings): TransportCredentials {
  const { apiToken, email } = settings;
  if (typeof apiToken === "string") {
    const header = zendeskBasicAuth(email, apiToken);
    return { header: async () => header, refreshedHeader: async () => header };
  }
  return {
    header: async () => zendeskBasicAuth(email, await apiToken.current()),
    refreshedHeader: async () => zendeskBasicAuth(email, await apiToken.refreshed()),
  };
}

/**
 * node-zendesk with API-token auth (`{email}/token:{token}`) against the account's URL, and our transport
 * for errors, rate limits and credentials. `headers` go on every call of this client (e.g. an Idempotency-Key).
 */
export function createZendeskClient(
  settings: ZendeskApiSettings,
  options: { headers?: Record<string, string>; transport?: TransportSettings } = {},
): ZendeskClient {
  return zendesk.createClient({
    username: settings.email,
    // The transport sets Authorization on every call from the (possibly rotated) token; node-zendesk only
    // insists on having some token.
    token: typeof settings.apiToken === "string" ? settings.apiToken : "from-secrets-manager",
    endpointUri: `${settings.url}/api/v2`,
    throwOriginalException: true,
    customHeaders: options.headers,
    transportConfig: {
      transportFn: zendeskTransport(options.transport ?? defaultTransportSettings, credentialsOf(settings)),
      responseAdapter: (response: Response) => ({
        json: () => response.json(),
        status: response.status,
        headers: { get: (name: string) => response.headers.get(name) },
        statusText: response.statusText,
      }),
    },
  });
}
