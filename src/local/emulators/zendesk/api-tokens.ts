import type { EmulatorContext } from "./context.js";
import { recordNotFound } from "./errors.js";
import { randomToken } from "./ids.js";
import { asBoolean, asRecord, asString, has } from "./json.js";
import { created, list, noContent, ok } from "./responses.js";
import type { Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { ApiToken } from "./types.js";

export function createApiToken(state: EmulatorState, token: string, description: string): ApiToken {
  const now = state.nowIso();
  const id = state.ids.apiToken.take();
  const apiToken: ApiToken = {
    id,
    url: state.apiUrl(`/api_tokens/${id}.json`),
    token,
    description,
    active: true,
    created_at: now,
    updated_at: now,
  };
  state.apiTokens.set(id, apiToken);
  return apiToken;
}

/** Outside the create response only a shortened token is shown, as in Admin Center. */
const masked = (t: ApiToken): ApiToken => ({ ...t, token: `${t.token.slice(0, 6)}...` });

function findToken(state: EmulatorState, id: string | undefined): ApiToken {
  const token = state.apiTokens.get(Number(id));
  if (!token) throw recordNotFound();
  return token;
}

/** Body key is `token` in Zendesk's examples; `api_token` is accepted too. */
function tokenInput(json: unknown): Record<string, unknown> {
  const body = asRecord(json);
  return asRecord(body?.token) ?? asRecord(body?.api_token) ?? {};
}

/**
 * API tokens: deleting or deactivating a token stops it authenticating on the very next request, which is
 * what credential-rotation tests need.
 */
export function apiTokenRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: "GET",
      pattern: "/api_tokens",
      handler: () => list("api_tokens", [...state.apiTokens.values()].map(masked)),
    },
    {
      method: "GET",
      pattern: "/api_tokens/:id",
      handler: (req) => ok({ api_token: masked(findToken(state, req.params.id)) }),
    },
    {
      method: "POST",
      pattern: "/api_tokens",
      handler: (req) => {
        const token = createApiToken(
          state,
          randomToken(40),
          asString(tokenInput(req.json).description) ?? "",
        );
        return created({ api_token: { ...token, full_token: token.token } });
      },
    },
    {
      method: "PUT",
      pattern: "/api_tokens/:id",
      handler: (req) => {
        const token = findToken(state, req.params.id);
        const input = tokenInput(req.json);
        if (has(input, "description")) token.description = asString(input.description) ?? "";
        if (has(input, "active")) token.active = asBoolean(input.active) ?? token.active;
        token.updated_at = state.nowIso();
        return ok({ api_token: masked(token) });
      },
    },
    {
      method: "DELETE",
      pattern: "/api_tokens/:id",
      handler: (req) => {
        state.apiTokens.delete(findToken(state, req.params.id).id);
        return noContent();
      },
    },
  ];
}
