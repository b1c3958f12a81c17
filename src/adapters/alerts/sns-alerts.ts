import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { AlertSink, SlaAlert } from "../../ports/alerts.js";
import { alertContent, digestContent } from "./alert-content.js";

/**
 * Alerts to the SNS topic in AWS Chatbot's custom notification format, which Chatbot renders in Slack
 * with the title, the description and the next steps. No `threadId`: Chatbot would post every later
 * notification with the same id as a reply in one thread, so a breach would hide under its warning and each
 * digest under the first one ever sent. Each alert is at most one per ticket and kind, so the channel
 * itself stays readable.
 */
export class SnsAlerts implements AlertSink {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
    private readonly ticketUrl: (id: number) => string,
  ) {}

  send(alert: SlaAlert): Promise<void> {
    return this.publish(alertContent(alert, this.ticketUrl), {
      ticket: String(alert.ticketId),
      tier: alert.tier,
      category: alert.category,
    });
  }

  sendDigest(alerts: readonly SlaAlert[]): Promise<void> {
    return this.publish(digestContent(alerts, this.ticketUrl), {
      tickets: String(alerts.length),
    });
  }

  private async publish(
    content: { title: string; description: string; nextSteps: string[] },
    context: Record<string, string>,
  ): Promise<void> {
    const message = {
      version: "1.0",
      source: "custom",
      content: { textType: "client-markdown", ...content },
      metadata: { summary: content.title, eventType: "SlaAlert", additionalContext: context },
    };
    await this.sns.send(new PublishCommand({ TopicArn: this.topicArn, Message: JSON.stringify(message) }));
  }
}
