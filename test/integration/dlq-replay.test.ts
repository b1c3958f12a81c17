import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { post } from "../support/http.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import { Customer, captureSubmissions, submitRequest, ticketNotices } from "./intake-support.js";

let t: TestStack;
beforeEach(async () => {
  t = await startTestStack();
});
afterEach(() => t.close());

const TICKET_CREATE = { method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ };
/** The local bus tries an event 9 times (8 retries), as the stack wires it. */
const ALL_ATTEMPTS = 9;

async function submit(customer: Customer): Promise<void> {
  await submitRequest(customer, "Where is my parcel?");
  await t.stack.bus.drain();
}

const replay = (body: object) => post(`${t.url}/local/dead-letters/replay`, body);

describe("POST /local/dead-letters/replay", () => {
  it("replays a dead-lettered intake into exactly one ticket, after a dry run that changes nothing", async () => {
    t.zendesk.failNext(TICKET_CREATE, { status: 503 }, ALL_ATTEMPTS);
    const ann = new Customer(t);
    await submit(ann);
    expect(t.stack.bus.deadLetters).toHaveLength(1);
    expect(t.zendesk.tickets()).toHaveLength(0);

    const dry = await replay({ dryRun: true });
    expect(dry.body.count).toMatchObject({ "would replay": 1, replayed: 0 });
    expect(t.stack.bus.deadLetters).toHaveLength(1);

    const run = await replay({});
    expect(run.status).toBe(200);
    expect(run.body.count).toMatchObject({ replayed: 1 });
    await t.stack.bus.drain();
    expect(t.stack.bus.deadLetters).toEqual([]);
    expect(t.zendesk.tickets()).toHaveLength(1);
    expect(ticketNotices(ann)).toHaveLength(1);
    expect((await replay({})).body.outcomes).toEqual([]);
  });

  it("makes no second ticket when the dead-lettered event was processed after all", async () => {
    const { events } = captureSubmissions(t);
    const ann = new Customer(t);
    await submit(ann);
    const [event] = events;
    if (!event) throw new Error("no event was published");
    t.stack.bus.deadLetters.push({ event, error: "timed out", attempts: ALL_ATTEMPTS });

    expect((await replay({})).body.count).toMatchObject({ replayed: 1 });
    await t.stack.bus.drain();
    expect(t.zendesk.tickets()).toHaveLength(1);
    expect(ticketNotices(ann)).toHaveLength(1);
  });

  it("answers 400 to options it does not know how to read", async () => {
    expect((await replay({ max: 0 })).status).toBe(400);
    expect((await post(`${t.url}/local/dead-letters/replay`, "{")).status).toBe(400);
  });
});
