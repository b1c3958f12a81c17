import * as z from "../../zod.js";

/** The Zendesk API token secret: `{"token": "...", "id": 123}`; the id lets a rotation delete the old token. */
const storedToken = z.object({
  token: z.string().check(z.minLength(1)),
  id: z.optional(z.int().check(z.positive())),
});

export type StoredApiToken = z.output<typeof storedToken>;

/**
 * Reads the secret's value. A bare token (how a deployer may first put it) is accepted too: it works for
 * calls, but its rotation cannot delete it afterwards (see docs/deployment.md).
 */
export function parseApiTokenSecret(value: string): StoredApiToken {
  const text = value.trim();
  if (!text.startsWith("{")) return { token: text };
  const parsed = storedToken.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error('the Zendesk API token secret is not {"token": string, "id"?: number}');
  return parsed.data;
}

export const formatApiTokenSecret = (token: { token: string; id: number }): string =>
  JSON.stringify({ token: token.token, id: token.id });
