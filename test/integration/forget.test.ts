import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { post } from "../support/http.js";
import { allItems } from "../support/table-scan.js";
import { startTestStack, type TestStack } from "../support/test-stack.js";
import {
  Customer,
  fileTicket as fileTicketWith,
  postUpdate,
  settle as settleStack,
  submitRequest,
  ticketNotices,
} from "./intake-support.js";

let t: TestStack;
beforeEach(async () => {
  t = await startTestStack();
});
afterEach(() => t.close());

const settle = () => settleStack(t);
const fileTicket = (customer: Customer, description: string) => fileTicketWith(t, customer, description);

/** Items that name the customer anywhere: in a key, an index key or an attribute. */
async function itemsNaming(customer: Customer): Promise<Record<string, unknown>[]> {
  const id = new RegExp(`(?<![0-9])${customer.id}(?![0-9])`);
  return (await allItems(t.stack)).filter((item) => id.test(JSON.stringify(item)));
}

async function forget(customer: Customer) {
  await customer.say("/forget");
  const confirm = await customer.press(/Delete my data/);
  await settle();
  return confirm;
}

describe("/forget", () => {
  it("deletes every item that names the customer and reports counts and open tickets", async () => {
    const ann = new Customer(t);
    const bob = new Customer(t);
    const solved = await fileTicket(ann, "The parcel never arrived");
    await t.zendesk.setStatus(solved, "solved");
    const open = await fileTicket(ann, "The second parcel is late too");
    await fileTicket(bob, "Wrong size");
    await settle();
    expect((await itemsNaming(ann)).length).toBeGreaterThan(0);

    await forget(ann);

    expect(await itemsNaming(ann)).toEqual([]);
    expect((await itemsNaming(bob)).map((item) => item.sk).sort()).toEqual(
      ["FORM", "PROFILE", "REQUEST", "TICKET"].sort(),
    );
    const report = ann.lastBotText();
    expect(report).toMatch(/requests: 2/);
    expect(report).toMatch(/ticket links: 2/);
    expect(report).toMatch(/help desk profile link: 1/);
    expect(report).toMatch(/chat state and language: 1/);
    expect(report).toContain(`Still open: #${open}.`);
    expect(report).not.toContain(`#${solved}`);
    expect(report).toMatch(/remain in our help desk \(Zendesk\).*data policy/);
  });

  it("withdraws a request still being filed, so a later replay of it files nothing", async () => {
    t.zendesk.failNext({ method: "POST", path: /\/api\/v2\/tickets(\.json)?$/ }, { status: 503 }, 10);
    const ann = new Customer(t);
    await submitRequest(ann, "Please delete my account");
    await settle();
    expect(t.stack.bus.deadLetters).toHaveLength(1);

    await forget(ann);
    expect(ann.lastBotText()).toContain(
      "One request had not reached our support team yet: it is withdrawn and will not be filed.",
    );
    const replayed = await post(`${t.url}/local/dead-letters/replay`, {});
    expect(replayed.status).toBe(200);
    await settle();

    expect(t.zendesk.tickets()).toEqual([]);
    expect(ticketNotices(ann)).toEqual([]);
    expect(await itemsNaming(ann)).toEqual([]);
  });

  it("also deletes a message held while the customer chooses its ticket", async () => {
    const ann = new Customer(t);
    await fileTicket(ann, "The parcel never arrived");
    await fileTicket(ann, "The second parcel is late too");
    await ann.say("Any news on my order?");
    expect(ann.lastBotText()).toMatch(/Which request/);
    expect((await itemsNaming(ann)).some((item) => item.sk === "HELD")).toBe(true);

    await forget(ann);

    expect(await itemsNaming(ann)).toEqual([]);
    expect(ann.lastBotText()).toMatch(/messages waiting for a ticket choice: 1/);
  });

  it("asks first, and deletes nothing when the customer keeps their data", async () => {
    const ann = new Customer(t);
    await fileTicket(ann, "The parcel never arrived");
    const before = await itemsNaming(ann);
    await ann.say("/forget");
    expect(ann.lastBotText()).toMatch(/Delete what this bot stores about you\?/);
    await ann.press(/Keep it/);
    expect(ann.lastBotText()).toBe("Nothing was deleted.");
    expect((await itemsNaming(ann)).length).toBe(before.length);
  });

  it("cuts the open ticket off: an agent reply no longer reaches the chat, and the agent is told", async () => {
    const ann = new Customer(t);
    const id = await fileTicket(ann, "The parcel never arrived");
    await forget(ann);
    const shown = ann.botMessages().length;
    await t.zendesk.agentComment(id, { body: "We found your parcel", public: true });
    await settle();
    expect(ann.botMessages()).toHaveLength(shown);
    const note = t.zendesk.comments(id).at(-1);
    expect(note?.public).toBe(false);
    expect(note?.body).toMatch(/^This reply did not reach the customer: .*\(\/forget\)/);
  });

  it("leaves a ticket the bridge did not file alone when an agent answers it", async () => {
    const created = await fetch(`${t.zendesk.url}/api/v2/tickets.json`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${t.zendesk.email}/token:${t.zendesk.apiToken}`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ ticket: { subject: "An e-mail ticket", comment: { body: "Hello" } } }),
    }).then((r) => r.json() as Promise<{ ticket: { id: number } }>);
    const id = created.ticket.id;
    await t.zendesk.agentComment(id, { body: "Hi there", public: true });
    await settle();
    expect(t.zendesk.comments(id).filter((c) => !c.public)).toEqual([]);
  });

  it("is idempotent: a redelivered confirmation does nothing, a second /forget finds nothing", async () => {
    const ann = new Customer(t);
    await fileTicket(ann, "The parcel never arrived");
    const confirm = await forget(ann);
    const shown = ann.botMessages().length;

    const redelivered = await postUpdate(t, confirm);
    expect(redelivered.body).toMatchObject({ outcome: "duplicate" });
    expect(ann.botMessages()).toHaveLength(shown);

    await forget(ann);
    expect(ann.lastBotText()).toMatch(/^This bot stores nothing about you\./);
    expect(await itemsNaming(ann)).toEqual([]);
  });

  it("answers in the language the customer chose before forgetting it", async () => {
    const ann = new Customer(t);
    await ann.say("/language");
    await ann.press(/Русский/);
    await ann.say("/forget");
    await ann.press(/Удалить мои данные/);
    expect(ann.lastBotText()).toMatch(/Удалено из бота/);
  });
});
