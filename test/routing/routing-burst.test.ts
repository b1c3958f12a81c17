import { describe, expect, it } from "vitest";
import { runBurst } from "../../bench/support/routing-burst.js";

const TICKET_CREATE = { method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ };

describe("the bench:routing burst, small", () => {
  // A whole local stack and 60 tickets: well under a minute even on a loaded 2-core machine.
  it("turns every intake into one ticket through redeliveries and 429s, without sleeping out Retry-After", {
    timeout: 120_000,
  }, async () => {
    const result = await runBurst({
      intakes: 50,
      customers: 10,
      redeliverEvery: 5,
      // One clock minute is a second: a 30 s Retry-After takes half a second.
      timeScale: 60,
      callSamples: 2,
      beforeBurst: ({ zendesk }) => {
        // Long waits go back to the bus, which retries; short ones are waited out in place.
        const tooMany = (seconds: string) => ({
          status: 429,
          headers: { "retry-after": seconds },
          body: {
            error: "APIRateLimitExceeded",
            description: "Number of allowed API requests per minute exceeded",
          },
        });
        zendesk.emulator?.failNext(TICKET_CREATE, tooMany("30"), 5);
        zendesk.emulator?.failNext(TICKET_CREATE, tooMany("2"), 5);
      },
    });
    const { burst } = result;
    expect(burst.published).toBe(60);
    // Notices are not counted: at x60 the ledger lease is one real second, which a loaded machine can
    // outlast, and then a redelivered copy may notify again (docs/performance.md).
    expect(burst).toMatchObject({ ticketsCreated: 50, duplicates: 0, lost: 0 });
    expect(burst.throttled).toBe(10);
    expect(result.callsPerTicket.steadyState.every((calls) => calls <= 2)).toBe(true);
  });
});
