import { createHmac, timingSafeEqual } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "./index.js";
import {
  api,
  client,
  createTicket,
  type ReceivedWebhook,
  startReceiver,
  startTestEmulator,
} from "./test-support.js";

const EVENTS = [
  "zen:event-type:ticket.comment_added",
  "zen:event-type:ticket.status_changed",
  "zen:event-type:ticket.group_assignment_changed",
];

function verifies(secret: string, delivery: ReceivedWebhook): boolean {
  const timestamp = String(delivery.headers["x-zendesk-webhook-signature-timestamp"]);
  const expected = createHmac("sha256", secret)
    .update(timestamp + delivery.rawBody)
    .digest();
  const actual = Buffer.from(String(delivery.headers["x-zendesk-webhook-signature"]), "base64");
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

describe("Zendesk emulator: webhooks", () => {
  let emulator: ZendeskEmulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await emulator.close();
    await receiver.close();
  });

  async function subscribe(subscriptions = EVENTS): Promise<string> {
    const { status, json } = await api(emulator, "POST", "/webhooks", {
      webhook: {
        name: "Telegram bridge",
        status: "active",
        endpoint: receiver.url,
        http_method: "POST",
        request_format: "json",
        subscriptions,
      },
    });
    expect(status).toBe(201);
    return json.webhook.id as string;
  }

  it("creates a webhook through node-zendesk and returns its signing secret", async () => {
    const zd = client(emulator);
    const created = (await zd.webhooks.create({
      webhook: {
        name: "Telegram bridge",
        status: "active",
        endpoint: receiver.url,
        http_method: "POST",
        request_format: "json",
        subscriptions: EVENTS,
      },
    })) as unknown as { result: { id: string } };
    expect(created.result.id).toMatch(/^[0-9A-Z]{26}$/);
    const secret = (await zd.webhooks.getSigningSecret(created.result.id)) as unknown as {
      result: { signing_secret: { algorithm: string; secret: string } };
    };
    expect(secret.result.signing_secret).toEqual({
      algorithm: "SHA256",
      secret: emulator.signingSecret(created.result.id),
    });
    const listed = (await api(emulator, "GET", "/webhooks?filter[name_contains]=telegram")).json;
    expect(listed.webhooks.map((w: { id: string }) => w.id)).toEqual([created.result.id]);
  });

  it("refuses an event subscription that is not POST json", async () => {
    const response = await api(emulator, "POST", "/webhooks", {
      webhook: {
        name: "x",
        status: "active",
        endpoint: receiver.url,
        http_method: "GET",
        request_format: "json",
        subscriptions: EVENTS,
      },
    });
    expect(response.status).toBe(400);
    expect(emulator.webhookDeliveries).toHaveLength(0);
  });

  it("delivers a signed comment_added event for an agent's public reply", async () => {
    const webhookId = await subscribe();
    const ticketId = await createTicket(emulator);
    await emulator.agentComment(ticketId, {
      body: "It ships tomorrow",
      public: true,
      authorName: "Alice Novak",
    });
    await emulator.waitForIdle();
    const delivery = receiver.received.find((d) => d.json.event.comment?.body === "It ships tomorrow");
    if (!delivery) throw new Error("no delivery for the agent reply");
    expect(verifies(emulator.signingSecret(webhookId), delivery)).toBe(true);
    expect(delivery.headers["x-zendesk-webhook-id"]).toBe(webhookId);
    expect(delivery.headers["x-zendesk-webhook-signature-timestamp"]).toBe("2026-11-25T12:00:00Z");
    expect(delivery.json).toMatchObject({
      type: "zen:event-type:ticket.comment_added",
      account_id: emulator.accountId,
      subject: `zen:ticket:${ticketId}`,
      zendesk_event_version: "2022-11-06",
      detail: { id: String(ticketId), status: "OPEN", requester_id: expect.any(String) },
      event: { comment: { is_public: true, author: { is_staff: true, name: "Alice Novak" } } },
    });
  });

  it("marks an internal note as not public", async () => {
    await subscribe();
    const ticketId = await createTicket(emulator);
    await emulator.agentComment(ticketId, { body: "check the warehouse", public: false });
    await emulator.waitForIdle();
    const note = receiver.received.find((d) => d.json.event.comment?.body === "check the warehouse");
    expect(note?.json.event.comment).toMatchObject({ is_public: false, author: { is_staff: true } });
  });

  it("reports a requester comment made through the API as not staff", async () => {
    await subscribe();
    const ticketId = await createTicket(emulator);
    const requesterId = emulator.ticket(ticketId)?.requester_id;
    await api(emulator, "PUT", `/tickets/${ticketId}.json`, {
      ticket: { comment: { body: "any news?", public: true, author_id: requesterId } },
    });
    await emulator.waitForIdle();
    const comment = receiver.received.find((d) => d.json.event.comment?.body === "any news?");
    expect(comment?.json.event.comment.author).toEqual({
      id: String(requesterId),
      is_staff: false,
      name: "Ivan Telegram",
    });
  });

  it("emits status_changed and group_assignment_changed for agent actions", async () => {
    await subscribe();
    const ticketId = await createTicket(emulator);
    const billing = emulator.groups().find((g) => g.name === "Billing");
    if (!billing) throw new Error("no Billing group");
    await emulator.moveToGroup(ticketId, billing.id);
    await emulator.setStatus(ticketId, "solved");
    await emulator.waitForIdle();
    const types = receiver.received.map((d) => [d.json.type, d.json.event.current]);
    expect(types).toContainEqual(["zen:event-type:ticket.group_assignment_changed", String(billing.id)]);
    expect(types).toContainEqual(["zen:event-type:ticket.status_changed", "SOLVED"]);
  });

  it("does not retry a 500, as Zendesk documents", async () => {
    await subscribe(["zen:event-type:ticket.status_changed"]);
    const ticketId = await createTicket(emulator);
    receiver.respondWith(500);
    await emulator.setStatus(ticketId, "pending");
    await emulator.waitForIdle();
    expect(emulator.webhookDeliveries.map((d) => d.status)).toEqual([500]);
  });

  it("retries a 503 with a short Retry-After, keeping the event id and invocation id", async () => {
    await subscribe(["zen:event-type:ticket.status_changed"]);
    const ticketId = await createTicket(emulator);
    receiver.respondWith({ status: 503, headers: { "Retry-After": "1" } });
    await emulator.setStatus(ticketId, "pending");
    await emulator.waitForIdle();
    expect(emulator.webhookDeliveries.map((d) => [d.status, d.attempt])).toEqual([
      [503, 1],
      [200, 2],
    ]);
    const [first, second] = receiver.received;
    expect(first?.json.id).toBe(second?.json.id);
    expect(first?.headers["x-zendesk-webhook-invocation-id"]).toBe(
      second?.headers["x-zendesk-webhook-invocation-id"],
    );
  });

  it("retries any failure with the same event id under the any-failure policy", async () => {
    await emulator.close();
    ({ emulator } = await startTestEmulator({
      webhookRetry: { attempts: 3, delayMs: 5, policy: "any-failure" },
    }));
    await subscribe(["zen:event-type:ticket.status_changed"]);
    const ticketId = await createTicket(emulator);
    receiver.respondWith(500, 500);
    await emulator.setStatus(ticketId, "pending");
    await emulator.waitForIdle();
    expect(emulator.webhookDeliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    expect(new Set(receiver.received.map((d) => d.json.id)).size).toBe(1);
  });

  it("signs with the new secret after a reset", async () => {
    const webhookId = await subscribe();
    const old = emulator.signingSecret(webhookId);
    const reset = await api(emulator, "POST", `/webhooks/${webhookId}/signing_secret`);
    expect(reset.json.signing_secret.secret).not.toBe(old);
    const ticketId = await createTicket(emulator);
    await emulator.agentComment(ticketId, { body: "hello", public: true });
    await emulator.waitForIdle();
    const delivery = receiver.received.at(-1);
    if (!delivery) throw new Error("no delivery");
    expect(verifies(reset.json.signing_secret.secret, delivery)).toBe(true);
    expect(verifies(old, delivery)).toBe(false);
  });

  it("links agent attachments to the comment in an attachment_linked_to_comment event", async () => {
    await subscribe(["zen:event-type:ticket.attachment_linked_to_comment"]);
    const ticketId = await createTicket(emulator);
    await emulator.agentComment(ticketId, {
      body: "label attached",
      public: true,
      attachments: [{ fileName: "label.pdf", contentType: "application/pdf", bytes: Buffer.from("%PDF") }],
    });
    await emulator.waitForIdle();
    const attachment = receiver.received[0]?.json.event.comment.attachment;
    expect(attachment).toMatchObject({
      filename: "label.pdf",
      content_type: "application/pdf",
      is_public: true,
    });
    expect(await (await fetch(attachment.content_url)).text()).toBe("%PDF");
  });
});
