import type { Logger } from "@aws-lambda-powertools/logger";
import type { AlertSink, SlaAlert } from "../../ports/alerts.js";

/** Without a Slack webhook the local stack writes alerts to its log, so SLA behaviour stays visible. */
export class LogAlerts implements AlertSink {
  constructor(private readonly logger: Logger) {}

  async send(alert: SlaAlert): Promise<void> {
    this.logger.warn("SLA alert", { ...alert });
  }

  async sendDigest(alerts: readonly SlaAlert[]): Promise<void> {
    this.logger.warn("SLA alert digest", { tickets: alerts.map((a) => a.ticketId), count: alerts.length });
  }
}
