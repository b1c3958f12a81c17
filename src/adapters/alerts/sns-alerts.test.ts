import type { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { describe, expect, it } from "vitest";
import type { SlaAlert } from "../../ports/alerts.js";
import { SnsAlerts } from "./sns-alerts.js";

const alert = (ticketId: number, steps: SlaAlert["steps"]): SlaAlert => ({
  ticketId,
  steps,
  tier: "standard",
  category: "shipping",
  vip: false,
  waitedMinutes: 200,
});

describe("SnsAlerts: the Chatbot custom notification", () => {
  async function published(send: (sink: SnsAlerts) => Promise<void>) {
    const messages: Record<string, unknown>[] = [];
    const emails: Array<{ subject?: string; text: string }> = [];
    const sns = {
      send: async (command: PublishCommand) => {
        expect(command.input.MessageStructure).toBe("json");
        const byProtocol = JSON.parse(command.input.Message ?? "{}") as { default: string; email: string };
        messages.push(JSON.parse(byProtocol.default));
        emails.push({ subject: command.input.Subject, text: byProtocol.email });
        return {};
      },
    } as unknown as SNSClient;
    await send(new SnsAlerts(sns, "arn:aws:sns:eu-west-1:123456789012:alerts", (id) => `https://z/${id}`));
    return Object.assign(messages, { emails });
  }

  it("gives an e-mail subscriber plain text under a subject, not Chatbot's JSON", async () => {
    const { emails } = await published((sink) =>
      sink.send({ ...alert(7, ["first-response-breach"]), owner: { group: "Returns & Refunds" } }),
    );
    expect(emails[0]?.subject).toBe("First response SLA breached: ticket #7");
    expect(emails[0]?.text).toMatch(
      /^First response SLA breached: ticket #7\n\nTicket #7 \(https:\/\/z\/7\) · shipping · tier standard · Returns & Refunds · unassigned · waiting 3 h 20 min\n\nNext steps:\n- /,
    );
    expect(emails[0]?.text).not.toMatch(/[{}]|&amp;/);
  });

  it("posts a breach and a digest at the channel's top level, never as replies in an older thread", async () => {
    const messages = await published(async (sink) => {
      await sink.send(alert(7, ["first-response-warning"]));
      await sink.send(alert(7, ["first-response-breach"]));
      await sink.sendDigest([alert(8, ["first-response-breach"]), alert(9, ["unassigned"])]);
    });
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(message).toMatchObject({
        version: "1.0",
        source: "custom",
        metadata: { eventType: "SlaAlert" },
      });
      expect(message.metadata).not.toHaveProperty("threadId");
    }
    expect(messages[1]).toMatchObject({
      content: { title: expect.stringMatching(/breached/) },
      metadata: { additionalContext: { ticket: "7", tier: "standard", category: "shipping" } },
    });
    expect(messages[2]).toMatchObject({ metadata: { additionalContext: { tickets: "2" } } });
  });
});
