import zendesk, { type ZendeskClient } from "node-zendesk";

export interface ZendeskApiSettings {
  /** e.g. https://acme.zendesk.com; the API lives under /api/v2. */
  readonly url: string;
  readonly email: string;
  readonly apiToken: string;
}

/** node-zendesk with API-token auth (`{email}/token:{token}`) against the account's URL. */
export function createZendeskClient(settings: ZendeskApiSettings): ZendeskClient {
  return zendesk.createClient({
    username: settings.email,
    token: settings.apiToken,
    endpointUri: `${settings.url}/api/v2`,
    throwOriginalException: true,
  });
}
