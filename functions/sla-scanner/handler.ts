import { withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { safeError } from "../../src/adapters/observability/safe-error.js";
import { countScanReport } from "../../src/adapters/observability/sla-metrics.js";
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
      countScanReport(app.telemetry, report);
      app.telemetry.logger.info("sla scan", { ...report });
      return report;
    } catch (error) {
      app.telemetry.logger.error("sla scan failed", { error: safeError(error) });
      throw error;
    }
  });
