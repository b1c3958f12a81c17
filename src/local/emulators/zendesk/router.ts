import type { IncomingHttpHeaders } from "node:http";

export interface ApiRequest {
  method: string;
  /** Path relative to `/api/v2`, without a `.json` suffix or trailing slash, e.g. `/tickets/5`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  /** Parsed JSON body; `undefined` when the body is empty or the route takes raw bytes. */
  json: unknown;
  /** Authenticated user; `null` only on public routes called without credentials. */
  userId: number | null;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;

export interface Route {
  method: string;
  /** `/tickets/:id/comments`; `:name` matches one path segment. */
  pattern: string;
  handler: Handler;
  /** Callable without credentials (Help Center reads of public articles). */
  public?: boolean;
  /** The body is raw bytes (uploads), not JSON. */
  rawBody?: boolean;
}

interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
}

export class Router {
  private readonly routes: CompiledRoute[] = [];

  add(routes: readonly Route[]): this {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.pattern
        .split("/")
        .map((segment) => {
          if (!segment.startsWith(":")) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(segment.slice(1));
          return "([^/]+)";
        })
        .join("/");
      this.routes.push({ route, regex: new RegExp(`^${source}$`), names });
    }
    return this;
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const compiled of this.routes) {
      if (compiled.route.method !== method) continue;
      const m = compiled.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      compiled.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route: compiled.route, params };
    }
    return undefined;
  }
}

/** Strips `/api/v2`, a `.json` suffix (node-zendesk appends it) and a trailing slash. */
export function normalizeApiPath(pathname: string): string {
  let path = pathname.slice("/api/v2".length);
  if (path.endsWith(".json")) path = path.slice(0, -".json".length);
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return path === "" ? "/" : path;
}
