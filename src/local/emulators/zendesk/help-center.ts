import type { ServerResponse } from "node:http";
import type { EmulatorContext } from "./context.js";
import { badRequest, recordNotFound } from "./errors.js";
import { offsetPage } from "./offset-pages.js";
import { list, ok } from "./responses.js";
import type { ApiRequest, Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { Article } from "./types.js";

export interface ArticleSeed {
  title: string;
  body: string;
  locale: string;
  html_url?: string;
  /** A restricted article (e.g. agents only): anonymous requests never see it. Default `null`, public. */
  user_segment_id?: number | null;
}

/** The Help Center's default locale: searches without a locale, or with one it does not have, use it. */
const DEFAULT_LOCALE = "en-us";
const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 100;

export function createArticle(state: EmulatorState, seed: ArticleSeed): Article {
  const id = state.ids.article.take();
  const now = state.nowIso();
  const locale = seed.locale.toLowerCase();
  const slug = seed.title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
  const article: Article = {
    id,
    url: state.apiUrl(`/help_center/${locale}/articles/${id}.json`),
    html_url:
      seed.html_url ?? `${state.config.baseUrl}/hc/${locale}/articles/${id}-${encodeURIComponent(slug)}`,
    title: seed.title,
    name: seed.title,
    body: seed.body,
    locale,
    source_locale: locale,
    author_id: state.apiUserId,
    section_id: 1,
    draft: false,
    promoted: false,
    position: 0,
    vote_sum: 0,
    vote_count: 0,
    comments_disabled: false,
    outdated: false,
    label_names: [],
    user_segment_id: seed.user_segment_id ?? null,
    created_at: now,
    updated_at: now,
    edited_at: now,
  };
  state.articles.push(article);
  return article;
}

const words = (text: string): string[] =>
  text
    .replace(/<[^>]*>/g, " ")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/** Crude stemming so "orders" finds "order" and "заказа" finds "заказ": a shared 5-letter prefix is a match. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(5, a.length, b.length);
  return n >= 5 && a.slice(0, n) === b.slice(0, n);
}

function score(article: Article, queryWords: readonly string[]): number {
  const title = words(article.title);
  const body = words(article.body);
  let total = 0;
  for (const q of queryWords) {
    if (title.some((w) => sameWord(w, q))) total += 3;
    total += body.filter((w) => sameWord(w, q)).length;
  }
  return total;
}

/** First sentence that mentions a query word, matches wrapped in `<em>` as Zendesk's snippets are. */
function snippet(article: Article, queryWords: readonly string[]): string {
  const text = article.body
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const sentences = text.split(/(?<=[.!?])\s+/);
  const hit =
    sentences.find((s) => words(s).some((w) => queryWords.some((q) => sameWord(w, q)))) ?? sentences[0] ?? "";
  return hit.replace(/[\p{L}\p{N}]+/gu, (w) =>
    queryWords.some((q) => sameWord(w.toLowerCase(), q)) ? `<em>${w}</em>` : w,
  );
}

/** What the caller may read: anonymous callers see public articles only, as in Zendesk. */
function visibleTo(state: EmulatorState, viewer: number | null): Article[] {
  return state.articles.filter((a) => viewer !== null || a.user_segment_id === null);
}

function articlesIn(articles: Article[], locale: string | null | undefined): Article[] {
  const wanted = (locale ?? DEFAULT_LOCALE).toLowerCase();
  return articles.filter((a) => wanted === "*" || a.locale === wanted);
}

/** A locale the Help Center does not have falls back to its default locale, as the search docs say. */
function searchLocale(state: EmulatorState, locale: string | null | undefined): string {
  const wanted = locale?.toLowerCase();
  if (!wanted) return DEFAULT_LOCALE;
  return wanted === "*" || state.articles.some((a) => a.locale === wanted) ? wanted : DEFAULT_LOCALE;
}

/**
 * Article search ranks by word overlap (title words weigh 3, body occurrences 1) and pages the ranking
 * offset-style. Without `locale` it searches the default `en-us`; `locale=*` searches every locale.
 */
function searchArticles(state: EmulatorState, req: ApiRequest, locale: string | null | undefined) {
  const query = req.query.get("query");
  const queryWords = words(query ?? "").filter((w) => w.length >= 3);
  if (!query?.trim()) throw badRequest("InvalidSearch", "Search query is required");
  const ranked = articlesIn(visibleTo(state, req.userId), searchLocale(state, locale))
    .map((article) => ({ article, score: score(article, queryWords) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.article.id - b.article.id);
  const shown = offsetPage(
    ranked,
    req.query,
    { defaultPerPage: DEFAULT_PER_PAGE, maxPerPage: MAX_PER_PAGE },
    (params) => {
      // The locale-prefixed route's locale moves into the query of the plain route.
      if (locale) params.set("locale", locale);
      return state.apiUrl(`/help_center/articles/search.json?${params}`);
    },
  );
  return ok({
    results: shown.items.map(({ article }) => ({
      ...article,
      snippet: snippet(article, queryWords),
      result_type: "article",
    })),
    page: shown.page,
    previous_page: shown.previousPage,
    next_page: shown.nextPage,
    per_page: shown.perPage,
    page_count: shown.pageCount,
    count: shown.count,
  });
}

/** A restricted article is "not found" to an anonymous caller (the emulator's choice of status). */
function findArticle(state: EmulatorState, req: ApiRequest): Article {
  const article = visibleTo(state, req.userId).find((a) => a.id === Number(req.params.id));
  if (!article) throw recordNotFound();
  return article;
}

/** Help Center reads are public: anonymous callers see the articles visible to everyone. */
export function helpCenterRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  const route = (pattern: string, handler: Route["handler"]): Route => ({
    method: "GET",
    pattern,
    handler,
    public: true,
  });
  return [
    route("/help_center/articles/search", (req) => searchArticles(state, req, req.query.get("locale"))),
    route("/help_center/:locale/articles/search", (req) => searchArticles(state, req, req.params.locale)),
    route("/help_center/articles", (req) =>
      list("articles", articlesIn(visibleTo(state, req.userId), req.query.get("locale") ?? "*")),
    ),
    route("/help_center/:locale/articles", (req) =>
      list("articles", articlesIn(visibleTo(state, req.userId), req.params.locale)),
    ),
    route("/help_center/articles/:id", (req) => ok({ article: findArticle(state, req) })),
    route("/help_center/:locale/articles/:id", (req) => ok({ article: findArticle(state, req) })),
  ];
}

/** Serves an article's `html_url` (`/hc/{locale}/articles/{id}-{slug}`) so links work in the local stack. */
export function serveArticlePage(state: EmulatorState, pathname: string, res: ServerResponse): boolean {
  const match = /^\/hc\/[^/]+\/articles\/(\d+)/.exec(pathname);
  if (!match) return false;
  const article = state.articles.find((a) => a.id === Number(match[1]));
  if (!article) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found");
    return true;
  }
  const title = article.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  res
    .writeHead(200, { "Content-Type": "text/html; charset=utf-8" })
    .end(
      `<!doctype html><html lang="${article.locale}"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1>${article.body}</html>`,
    );
  return true;
}
