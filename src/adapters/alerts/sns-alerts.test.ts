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
    const sns = {
      send: async (command: PublishCommand) => {
        messages.push(JSON.parse(command.input.Message ?? "{}"));
        return {};
      },
    } as unknown as SNSClient;
    await send(new SnsAlerts(sns, "arn:aws:sns:eu-west-1:123456789012:alerts", (id) => `https://z/${id}`));
    return messages;
  }

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
