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
    const chatbot = {
      version: "1.0",
      source: "custom",
      content: { textType: "client-markdown", ...content },
      metadata: { summary: content.title, eventType: "SlaAlert", additionalContext: context },
    };
    // One message per protocol: Chatbot (an HTTPS subscriber) gets the default, its JSON; an alarmEmail
    // subscriber gets plain text under the title, not that JSON.
    await this.sns.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        MessageStructure: "json",
        Message: JSON.stringify({ default: JSON.stringify(chatbot), email: plainText(content) }),
        Subject: emailSubject(content.title),
      }),
    );
  }
}

/** The alert as an e-mail reads it: Slack's `<url|label>` links as "label (url)", its escapes undone. */
function plainText(content: { title: string; description: string; nextSteps: string[] }): string {
  const plain = (text: string) =>
    text
      .replace(/<([^|>]+)\|([^>]+)>/g, "$2 ($1)")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  return [
    content.title,
    "",
    plain(content.description),
    "",
    "Next steps:",
    ...content.nextSteps.map((step) => `- ${plain(step)}`),
  ].join("\n");
}

/** SNS takes a subject of printable ASCII under 100 characters, on one line. */
const emailSubject = (title: string): string =>
  title
    .replace(/[^\x20-\x7e]/g, "")
    .trim()
    .slice(0, 99);
