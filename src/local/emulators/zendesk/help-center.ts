import type { ServerResponse } from "node:http";
import type { EmulatorContext } from "./context.js";
import { badRequest, recordNotFound } from "./errors.js";
import { list, ok } from "./responses.js";
import type { Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { Article } from "./types.js";

export interface ArticleSeed {
  title: string;
  body: string;
  locale: string;
  html_url?: string;
}

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

function articlesIn(state: EmulatorState, locale: string | null | undefined): Article[] {
  const wanted = (locale ?? "en-us").toLowerCase();
  return state.articles.filter((a) => wanted === "*" || a.locale === wanted);
}

/**
 * Article search ranks by word overlap (title words weigh 3, body occurrences 1). Without `locale` it
 * searches the default `en-us`; `locale=*` searches every locale.
 */
function searchArticles(state: EmulatorState, query: string | null, locale: string | null | undefined) {
  const queryWords = words(query ?? "").filter((w) => w.length >= 3);
  if (!query?.trim()) throw badRequest("InvalidSearch", "Search query is required");
  const results = articlesIn(state, locale)
    .map((article) => ({ article, score: score(article, queryWords) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.article.id - b.article.id)
    .map(({ article }) => ({ ...article, snippet: snippet(article, queryWords), result_type: "article" }));
  return ok({
    results,
    page: 1,
    previous_page: null,
    next_page: null,
    per_page: 25,
    page_count: 1,
    count: results.length,
  });
}

function findArticle(state: EmulatorState, id: string | undefined): Article {
  const article = state.articles.find((a) => a.id === Number(id));
  if (!article) throw recordNotFound();
  return article;
}

/** Help Center reads are public, as for articles visible to anyone. */
export function helpCenterRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  const route = (pattern: string, handler: Route["handler"]): Route => ({
    method: "GET",
    pattern,
    handler,
    public: true,
  });
  return [
    route("/help_center/articles/search", (req) =>
      searchArticles(state, req.query.get("query"), req.query.get("locale")),
    ),
    route("/help_center/:locale/articles/search", (req) =>
      searchArticles(state, req.query.get("query"), req.params.locale),
    ),
    route("/help_center/articles", (req) =>
      list("articles", articlesIn(state, req.query.get("locale") ?? "*")),
    ),
    route("/help_center/:locale/articles", (req) => list("articles", articlesIn(state, req.params.locale))),
    route("/help_center/articles/:id", (req) => ok({ article: findArticle(state, req.params.id) })),
    route("/help_center/:locale/articles/:id", (req) => ok({ article: findArticle(state, req.params.id) })),
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
