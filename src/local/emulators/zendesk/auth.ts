import type { IncomingHttpHeaders } from "node:http";
import { unauthorized } from "./errors.js";
import type { EmulatorState } from "./state.js";

/**
 * API-token Basic auth, `{email}/token:{api_token}`, accepted for the configured agent email and any
 * active token. Deleting or deactivating a token takes effect on the next request, as in Zendesk.
 *
 * @returns the authenticated user id, or `null` when no Authorization header was sent.
 * @throws 401 `{"error":"Couldn't authenticate you"}` on a malformed or rejected credential.
 */
export function authenticate(state: EmulatorState, headers: IncomingHttpHeaders): number | null {
  const header = headers.authorization;
  if (header === undefined) return null;
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match?.[1]) throw unauthorized();
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const separator = decoded.indexOf("/token:");
  if (separator < 0) throw unauthorized();
  const email = decoded.slice(0, separator);
  const token = decoded.slice(separator + "/token:".length);
  if (email.toLowerCase() !== state.config.email.toLowerCase()) throw unauthorized();
  const valid = [...state.apiTokens.values()].some((t) => t.active && t.token === token);
  if (!valid) throw unauthorized();
  return state.apiUserId;
}
