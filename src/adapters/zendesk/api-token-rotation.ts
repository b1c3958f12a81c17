import type { RotationStrategy } from "../aws/rotation/rotate-secret.js";
import { RotationError } from "../aws/rotation/rotate-secret.js";
import { type AuditLogger, audit } from "../observability/audit.js";
import { formatApiTokenSecret, parseApiTokenSecret } from "./api-token-secret.js";
import type { ZendeskCredentialsApi } from "./credentials-api.js";

/** Tokens this bridge created carry this description plus the rotation's version id. */
export const ROTATED_TOKEN_DESCRIPTION = "telegram-zendesk-bridge, rotated";

/**
 * The Zendesk API token: createSecret makes a new token with the current one, testSecret calls
 * `GET /users/me` with the new one, and finishSecret deletes the old one only after AWSCURRENT moved, so
 * every function holds a working token at every moment (a stale container re-reads after its first 401).
 */
export function zendeskApiTokenRotation(api: ZendeskCredentialsApi, logger: AuditLogger): RotationStrategy {
  return {
    async create({ current, versionId }) {
      const auth = api.auth(parseApiTokenSecret(current).token);
      const description = `${ROTATED_TOKEN_DESCRIPTION} ${versionId}`;
      // Zendesk shows a token's value only when creating it: a token an earlier attempt of this very
      // rotation made but could not store is unusable, so it is deleted rather than left active.
      for (const orphan of (await api.listApiTokens(auth)).filter((t) => t.description === description)) {
        await api.deleteApiToken(auth, orphan.id);
      }
      return formatApiTokenSecret(await api.createApiToken(auth, description));
    },
    // The new token authenticates from the moment it exists; there is nothing to switch on.
    async set() {},
    async test({ pending }) {
      const userId = await api.authenticatedUserId(api.auth(parseApiTokenSecret(pending).token));
      if (userId === null) throw new RotationError("the pending Zendesk API token authenticates no user");
    },
    async retire({ previous, current }) {
      const old = parseApiTokenSecret(previous);
      const now = parseApiTokenSecret(current);
      if (old.token === now.token) return;
      if (old.id === undefined) {
        audit(logger, "secret-rotation", {
          step: "finishSecret",
          outcome: "old-token-kept",
          reason: "the previous value has no token id; delete that token in Zendesk by hand",
        });
        return;
      }
      await api.deleteApiToken(api.auth(now.token), old.id);
    },
  };
}
