import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "./index.js";
import { createTicket, startTestEmulator } from "./test-support.js";

describe("Zendesk emulator: agent console", () => {
  let emulator: ZendeskEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
  });
  afterEach(() => emulator.close());

  it("lists tickets as escaped HTML", async () => {
    await createTicket(emulator, { subject: "<script>alert(1)</script>" });
    const html = await (await fetch(`${emulator.url}/`)).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("shows one ticket where Zendesk's ticket links point, and 404 for an unknown one", async () => {
    const first = await createTicket(emulator, { subject: "First one" });
    await createTicket(emulator, { subject: "Second one" });
    const html = await (await fetch(`${emulator.url}/agent/tickets/${first}`)).text();
    expect(html).toContain(`#${first} First one`);
    expect(html).not.toContain("Second one");
    expect((await fetch(`${emulator.url}/agent/tickets/999999`)).status).toBe(404);
  });

  it("posts a reply from the HTML form and redirects back", async () => {
    const id = await createTicket(emulator);
    const response = await fetch(`${emulator.url}/_emulator/tickets/${id}/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "body=On+its+way&authorName=Grace+Kim",
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(emulator.comments(id).at(-1)).toMatchObject({ body: "On its way", public: false });
  });

  it("acts as an agent through the JSON control API", async () => {
    const id = await createTicket(emulator);
    const comment = await fetch(`${emulator.url}/_emulator/tickets/${id}/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ body: "Hello from the agent", public: true }),
    });
    expect(comment.status).toBe(201);
    const status = await fetch(`${emulator.url}/_emulator/tickets/${id}/status`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: "solved" }),
    });
    expect(status.status).toBe(200);
    const listed = (await (await fetch(`${emulator.url}/_emulator/tickets`)).json()) as {
      tickets: Array<{ id: number; status: string; comments: unknown[] }>;
    };
    expect(listed.tickets[0]).toMatchObject({ id, status: "solved" });
    expect(listed.tickets[0]?.comments).toHaveLength(2);
  });
});
