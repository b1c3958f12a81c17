import zendesk, { type ZendeskClient } from "node-zendesk";
import { defaultTransportSettings, type TransportSettings, zendeskTransport } from "./zendesk-transport.js";

export interface ZendeskApiSettings {
  /** e.g. https://acme.zendesk.com; the API lives under /api/v2. */
  readonly url: string;
  readonly email: string;
  readonly apiToken: string;
}

/**
 * node-zendesk with API-token auth (`{email}/token:{token}`) against the account's URL, and our transport
 * for errors and rate limits. `headers` go on every call of this client (e.g. an Idempotency-Key).
 */
export function createZendeskClient(
  settings: ZendeskApiSettings,
  options: { headers?: Record<string, string>; transport?: TransportSettings } = {},
): ZendeskClient {
  return zendesk.createClient({
    username: settings.email,
    token: settings.apiToken,
    endpointUri: `${settings.url}/api/v2`,
    throwOriginalException: true,
    customHeaders: options.headers,
    transportConfig: {
      transportFn: zendeskTransport(options.transport ?? defaultTransportSettings),
      responseAdapter: (response: Response) => ({
        json: () => response.json(),
        status: response.status,
        headers: { get: (name: string) => response.headers.get(name) },
        statusText: response.statusText,
      }),
    },
  });
}
