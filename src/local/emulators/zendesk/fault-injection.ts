/** What `failNext` answers instead of the real handler. */
export type FaultResponse =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | "timeout"
  | "reset";

export interface FaultMatch {
  method?: string;
  /** Tested against the path with its query string, e.g. `/api/v2/tickets.json?x=1`. */
  path?: RegExp;
}

interface Fault {
  match: FaultMatch;
  response: FaultResponse;
  remaining: number;
}

/** Queue of injected faults; the first matching fault with uses left answers the request. */
export class FaultInjector {
  private readonly faults: Fault[] = [];

  add(match: FaultMatch, response: FaultResponse, times: number): void {
    this.faults.push({ match, response, remaining: times });
  }

  take(method: string, pathWithQuery: string): FaultResponse | undefined {
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (f.match.method === undefined || f.match.method.toUpperCase() === method) &&
        (f.match.path === undefined || testRegex(f.match.path, pathWithQuery)),
    );
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining === 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault.response;
  }
}

function testRegex(regex: RegExp, value: string): boolean {
  regex.lastIndex = 0;
  return regex.test(value);
}
