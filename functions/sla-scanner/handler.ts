import { count, withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { SLA_METRICS } from "../../src/adapters/observability/metric-names.js";
import { safeError } from "../../src/adapters/observability/safe-error.js";
import type { ScanReport } from "../../src/domain/sla/scan.js";
import { createSlaScannerApp } from "../../src/wiring/aws-sla-scanner.js";

const app = createSlaScannerApp();

/**
 * Every minute (EventBridge schedule): escalate what is due. The next tick rescans, so a failure is logged
 * and thrown (for the error alarm), never retried by hand.
 */
export const handler = (): Promise<ScanReport> =>
  withTelemetry(app.telemetry, "sla-scanner", async () => {
    try {
      const report = await app.scan();
      // Escalations, breaches and suppressed alerts go out through the scan's metrics port.
      count(app.telemetry, SLA_METRICS.alertsSent, report.alerted);
      if (report.digest) count(app.telemetry, SLA_METRICS.digests);
      app.telemetry.logger.info("sla scan", { ...report });
      return report;
    } catch (error) {
      app.telemetry.logger.error("sla scan failed", { error: safeError(error) });
      throw error;
    }
  });
