import { badRequest } from "./errors.js";

export interface OffsetPage<T> {
  readonly items: T[];
  readonly page: number;
  readonly perPage: number;
  readonly pageCount: number;
  readonly count: number;
  readonly previousPage: string | null;
  readonly nextPage: string | null;
}

/**
 * One page of `items` in Zendesk's offset pagination: `page` (from 1) and `per_page` (1 to `maxPerPage`) from
 * the query, invalid values refused with 400 as documented (the body is the emulator's choice), and links to
 * the neighbouring pages built by `pageUrl` from the query with `page` and `per_page` set.
 */
export function offsetPage<T>(
  items: readonly T[],
  query: URLSearchParams,
  limits: { defaultPerPage: number; maxPerPage: number },
  pageUrl: (params: URLSearchParams) => string,
): OffsetPage<T> {
  const number = (name: string, fallback: number, max: number) => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw badRequest("InvalidPagination", `${name} must be an integer between 1 and ${max}`);
    }
    return value;
  };
  const page = number("page", 1, Number.MAX_SAFE_INTEGER);
  const perPage = number("per_page", limits.defaultPerPage, limits.maxPerPage);
  const pageCount = Math.ceil(items.length / perPage);
  const link = (n: number) => {
    const params = new URLSearchParams(query);
    params.set("page", String(n));
    params.set("per_page", String(perPage));
    return pageUrl(params);
  };
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    page,
    perPage,
    pageCount,
    count: items.length,
    previousPage: page > 1 ? link(page - 1) : null,
    nextPage: page < pageCount ? link(page + 1) : null,
  };
}
