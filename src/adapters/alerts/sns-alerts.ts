import { PublishCommand, type SNSClient } from "@aws-sdk/client-sns";
import type { AlertSink, SlaAlert } from "../../ports/alerts.js";
import { alertContent, digestContent } from "./alert-content.js";

/**
 * Alerts to the SNS topic in AWS Chatbot's custom notification format, which Chatbot renders in Slack
 * with the title, the description and the next steps.
 */
export class SnsAlerts implements AlertSink {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
    private readonly ticketUrl: (id: number) => string,
  ) {}

  send(alert: SlaAlert): Promise<void> {
    return this.publish(alertContent(alert, this.ticketUrl), `ticket-${alert.ticketId}`, {
      ticket: String(alert.ticketId),
      tier: alert.tier,
      category: alert.category,
    });
  }

  sendDigest(alerts: readonly SlaAlert[]): Promise<void> {
    return this.publish(digestContent(alerts, this.ticketUrl), "sla-digest", {
      tickets: String(alerts.length),
    });
  }

  private async publish(
    content: { title: string; description: string; nextSteps: string[] },
    threadId: string,
    context: Record<string, string>,
  ): Promise<void> {
    const message = {
      version: "1.0",
      source: "custom",
      content: { textType: "client-markdown", ...content },
      metadata: { threadId, summary: content.title, eventType: "SlaAlert", additionalContext: context },
    };
    await this.sns.send(new PublishCommand({ TopicArn: this.topicArn, Message: JSON.stringify(message) }));
  }
}
