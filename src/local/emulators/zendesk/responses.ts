import { badRequest } from "./errors.js";
import type { ApiResponse } from "./router.js";

export const ok = (body: unknown, headers?: Record<string, string>): ApiResponse =>
  headers ? { status: 200, body, headers } : { status: 200, body };

export const created = (body: unknown, headers?: Record<string, string>): ApiResponse =>
  headers ? { status: 201, body, headers } : { status: 201, body };

export const noContent = (): ApiResponse => ({ status: 204 });

/**
 * A one-page list in both of Zendesk's pagination styles (offset: next_page/previous_page/count, cursor:
 * meta/links), so clients that follow either stop after this page. The emulator never paginates.
 */
export function list(key: string, items: readonly unknown[]): ApiResponse {
  return ok({
    [key]: items,
    next_page: null,
    previous_page: null,
    count: items.length,
    meta: { has_more: false, after_cursor: null, before_cursor: null },
    links: { next: null, prev: null },
  });
}

/** Zendesk's show_many endpoints take at most 100 ids. */
export const SHOW_MANY_LIMIT = 100;

/**
 * The `ids` of a show_many request. More than the documented 100 is refused (the real answer beyond the
 * limit is not documented), so a client that does not split its list fails here rather than in production.
 */
export function parseIdList(raw: string | null): number[] {
  const ids = (raw ?? "")
    .split(",")
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (ids.length > SHOW_MANY_LIMIT)
    throw badRequest("InvalidValue", `ids: at most ${SHOW_MANY_LIMIT} ids per request`);
  return ids;
}
