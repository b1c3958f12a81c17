import { withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { safeError } from "../../src/adapters/observability/safe-error.js";
import { countScanReport } from "../../src/adapters/observability/sla-metrics.js";
import type { NudgeReport } from "../../src/domain/conversation/nudges.js";
import type { ScanReport } from "../../src/domain/sla/scan.js";
import { createSlaScannerApp } from "../../src/wiring/aws-sla-scanner.js";

const app = createSlaScannerApp();

/**
 * Every minute (EventBridge schedule): escalate what is due, then send the nudges that fell due. The next
 * tick rescans, so a failure is logged and thrown (for the error alarm), never retried by hand; one part
 * failing does not keep the other from running.
 */
export const handler = (): Promise<ScanReport & { nudges?: NudgeReport }> =>
  withTelemetry(app.telemetry, "sla-scanner", async () => {
    const { logger } = app.telemetry;
    const [scanned, nudged] = await Promise.allSettled([app.scan(), app.nudge()]);
    if (nudged.status === "fulfilled") logger.info("nudges", { ...nudged.value });
    else logger.error("nudges failed", { error: safeError(nudged.reason) });
    if (scanned.status === "rejected") {
      logger.error("sla scan failed", { error: safeError(scanned.reason) });
      throw scanned.reason;
    }
    countScanReport(app.telemetry, scanned.value);
    logger.info("sla scan", { ...scanned.value });
    if (nudged.status === "rejected") throw nudged.reason;
    return { ...scanned.value, nudges: nudged.value };
  });
