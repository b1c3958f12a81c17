import { Readable } from "node:stream";
import type { ZendeskClient } from "node-zendesk";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "./index.js";
import { api, client, createTicket, type FakeClock, startTestEmulator } from "./test-support.js";

const newTicket = {
  ticket: {
    subject: "Parcel is late",
    comment: { body: "Where is my parcel?", public: true },
    requester: { name: "Ivan", email: "ivan@example.org", locale_id: 27 },
    priority: "high",
    tags: ["telegram"],
  },
};

describe("Zendesk emulator: tickets", () => {
  let emulator: ZendeskEmulator;
  let clock: FakeClock;

  beforeEach(async () => {
    ({ emulator, clock } = await startTestEmulator());
  });
  afterEach(() => emulator.close());

  it("creates a ticket through node-zendesk with the requester as author of the first comment", async () => {
    // node-zendesk's typings have no `requester` object on tickets, though the API documents it.
    const body = newTicket as unknown as Parameters<ZendeskClient["tickets"]["create"]>[0];
    const { result } = (await client(emulator).tickets.create(body)) as unknown as {
      result: { id: number; status: string; requester_id: number; tags: string[]; description: string };
    };
    expect(result).toMatchObject({ status: "new", tags: ["telegram"], description: "Where is my parcel?" });
    const requester = emulator.users().find((u) => u.id === result.requester_id);
    expect(requester).toMatchObject({ email: "ivan@example.org", role: "end-user", locale_id: 27 });
    expect(emulator.comments(result.id)[0]).toMatchObject({ author_id: result.requester_id, public: true });
  });

  it("replays a create with the same Idempotency-Key and body", async () => {
    const first = await api(emulator, "POST", "/tickets.json", newTicket, { "Idempotency-Key": "k-1" });
    const again = await api(emulator, "POST", "/tickets.json", newTicket, { "Idempotency-Key": "k-1" });
    expect(first.status).toBe(201);
    expect(first.headers.get("x-idempotency-lookup")).toBe("miss");
    expect(again.status).toBe(201);
    expect(again.headers.get("x-idempotency-lookup")).toBe("hit");
    expect(again.json.ticket.id).toBe(first.json.ticket.id);
    expect(emulator.tickets()).toHaveLength(1);
  });

  it("rejects the same Idempotency-Key with a different body, and forgets keys after 2 hours", async () => {
    await api(emulator, "POST", "/tickets.json", newTicket, { "Idempotency-Key": "k-2" });
    const other = { ticket: { ...newTicket.ticket, subject: "Other" } };
    const mismatch = await api(emulator, "POST", "/tickets.json", other, { "Idempotency-Key": "k-2" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error).toBe("IdempotentRequestError");
    clock.advance(2 * 60 * 60 * 1000);
    const later = await api(emulator, "POST", "/tickets.json", other, { "Idempotency-Key": "k-2" });
    expect(later.headers.get("x-idempotency-lookup")).toBe("miss");
    expect(emulator.tickets()).toHaveLength(2);
  });

  it("rejects an Idempotency-Key longer than 255 characters", async () => {
    const response = await api(emulator, "POST", "/tickets.json", newTicket, {
      "Idempotency-Key": "x".repeat(256),
    });
    expect(response.status).toBe(400);
  });

  it("answers 422 RecordInvalid for an unknown custom field, a bad tagger value and a missing group", async () => {
    const field = await api(emulator, "POST", "/ticket_fields.json", {
      ticket_field: {
        type: "tagger",
        title: "Category",
        custom_field_options: [{ name: "Delivery", value: "cat_delivery" }],
      },
    });
    expect(field.status).toBe(201);
    const response = await api(emulator, "POST", "/tickets.json", {
      ticket: {
        ...newTicket.ticket,
        group_id: 424242,
        custom_fields: [
          { id: 1, value: "x" },
          { id: field.json.ticket_field.id, value: "nope" },
        ],
      },
    });
    expect(response.status).toBe(422);
    expect(response.json).toMatchObject({ error: "RecordInvalid", description: "Record validation errors" });
    expect(Object.keys(response.json.details).sort()).toEqual(["base", "group"]);
    expect(response.json.details.base).toHaveLength(2);
  });

  it("turns a tagger value into a ticket tag", async () => {
    const field = await api(emulator, "POST", "/ticket_fields.json", {
      ticket_field: {
        type: "tagger",
        title: "Category",
        custom_field_options: [{ name: "D", value: "cat_delivery" }],
      },
    });
    const id = await createTicket(emulator, {
      custom_fields: [{ id: field.json.ticket_field.id, value: "cat_delivery" }],
    });
    expect(emulator.ticket(id)?.tags).toContain("cat_delivery");
  });

  it("refuses to update a closed ticket", async () => {
    const id = await createTicket(emulator);
    await emulator.setStatus(id, "closed");
    const response = await api(emulator, "PUT", `/tickets/${id}.json`, {
      ticket: { comment: { body: "hi" } },
    });
    expect(response.status).toBe(422);
    expect(response.json.details.status[0].description).toBe("Status: closed prevents ticket update");
  });

  it("attaches uploads referenced by token and serves their content without auth", async () => {
    const id = await createTicket(emulator);
    // node-zendesk types `file` as a Buffer but reads a Buffer as a file path; a stream is sent as is.
    const file = Readable.from([Buffer.from("PNGDATA")]) as unknown as Buffer;
    const upload = (await client(emulator).attachments.upload(file, {
      filename: "photo.png",
      binary: true,
    })) as { upload: { token: string; attachment: { content_type: string } } };
    expect(upload.upload.attachment.content_type).toBe("image/png");
    const update = await api(emulator, "PUT", `/tickets/${id}.json`, {
      ticket: { comment: { body: "photo", public: true, uploads: [upload.upload.token, "unknown-token"] } },
    });
    expect(update.status).toBe(200);
    const comments = await api(emulator, "GET", `/tickets/${id}/comments.json`);
    const attachment = comments.json.comments[1].attachments[0];
    expect(attachment).toMatchObject({ file_name: "photo.png", size: 7 });
    const download = await fetch(attachment.content_url);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe("PNGDATA");
  });

  it("lists a ticket's comments in pages of at most 100, oldest first or newest first", async () => {
    const id = await createTicket(emulator);
    for (let n = 1; n < 150; n++) await emulator.agentComment(id, { body: `reply ${n}`, public: true });
    const bodies = (page: { json: { comments: Array<{ body: string }> } }) =>
      page.json.comments.map((c) => c.body);

    const first = await api(emulator, "GET", `/tickets/${id}/comments.json`);
    expect(first.json).toMatchObject({ count: 150, previous_page: null });
    expect(bodies(first)).toHaveLength(100);
    expect(bodies(first)[1]).toBe("reply 1");
    const nextPage = new URL(first.json.next_page);
    expect(nextPage.searchParams.get("page")).toBe("2");
    const second = await api(emulator, "GET", `/tickets/${id}/comments.json${nextPage.search}`);
    expect(bodies(second)).toHaveLength(50);
    expect(bodies(second).at(-1)).toBe("reply 149");
    expect(second.json.next_page).toBeNull();

    const newest = await api(emulator, "GET", `/tickets/${id}/comments.json?sort_order=desc&per_page=2`);
    expect(bodies(newest)).toEqual(["reply 149", "reply 148"]);
    expect(new URL(newest.json.next_page).searchParams.get("sort_order")).toBe("desc");

    const all = (await client(emulator).tickets.getComments(id)) as unknown as Array<{ body: string }>;
    expect(all.map((c) => c.body)).toEqual([...bodies(first), ...bodies(second)]);
    expect((await api(emulator, "GET", `/tickets/${id}/comments.json?per_page=101`)).status).toBe(400);
  });

  it("shows up to 100 tickets by id at once, leaves unknown ids out, and refuses a longer list", async () => {
    const id = await createTicket(emulator);
    const found = await api(emulator, "GET", `/tickets/show_many.json?ids=${id},999999`);
    expect(found.json.tickets.map((t: { id: number }) => t.id)).toEqual([id]);
    const ids = Array.from({ length: 101 }, (_, n) => n + 1).join(",");
    const refused = await api(emulator, "GET", `/tickets/show_many.json?ids=${ids}`);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe("InvalidValue");
  });

  it("limits updates to 30 per 10 minutes per ticket", async () => {
    const id = await createTicket(emulator);
    for (let i = 0; i < 30; i++) {
      expect(
        (await api(emulator, "PUT", `/tickets/${id}.json`, { ticket: { tags: [`t${i}`] } })).status,
      ).toBe(200);
    }
    const limited = await api(emulator, "PUT", `/tickets/${id}.json`, { ticket: { tags: ["x"] } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("counts open tickets per assignee for workload queries", async () => {
    const agent = emulator.users().find((u) => u.role === "agent");
    if (!agent) throw new Error("no seeded agent");
    const a = await createTicket(emulator);
    await createTicket(emulator);
    await emulator.assign(a, agent.id);
    const query = encodeURIComponent(`type:ticket status<solved assignee:${agent.id}`);
    const { result } = (await client(emulator).search.showResultsCount(
      decodeURIComponent(query),
    )) as unknown as {
      result: { count: number };
    };
    expect(result.count).toBe(1);
    expect(emulator.ticket(a)?.status).toBe("open");
  });
});
