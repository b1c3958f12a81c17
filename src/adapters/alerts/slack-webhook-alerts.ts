import type { AlertSink, SlaAlert } from "../../ports/alerts.js";
import { alertContent, digestContent } from "./alert-content.js";

/** Locally, alerts go to a Slack incoming webhook as the JSON Slack expects (standing in for SNS -> Chatbot). */
export class SlackWebhookAlerts implements AlertSink {
  constructor(
    private readonly webhookUrl: string,
    private readonly ticketUrl: (id: number) => string,
  ) {}

  send(alert: SlaAlert): Promise<void> {
    return this.post(alertContent(alert, this.ticketUrl));
  }

  sendDigest(alerts: readonly SlaAlert[]): Promise<void> {
    return this.post(digestContent(alerts, this.ticketUrl));
  }

  private async post(content: { title: string; description: string; nextSteps: string[] }): Promise<void> {
    const next = content.nextSteps.map((step) => `• ${step}`).join("\n");
    const body = {
      text: `${content.title}\n${content.description}`,
      blocks: [
        { type: "header", text: { type: "plain_text", text: content.title.slice(0, 150) } },
        { type: "section", text: { type: "mrkdwn", text: content.description } },
        { type: "context", elements: [{ type: "mrkdwn", text: `*Next steps*\n${next}` }] },
      ],
    };
    const response = await fetch(this.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`Slack webhook answered ${response.status}`);
  }
}
