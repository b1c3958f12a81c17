import { safeError } from "../../src/adapters/observability/safe-error.js";
import type { ScanReport } from "../../src/domain/sla/scan.js";
import { createSlaScannerApp } from "../../src/wiring/aws-sla-scanner.js";

const app = createSlaScannerApp();

/**
 * Every minute (EventBridge schedule): escalate what is due. The next tick rescans, so a failure is logged
 * and thrown (for the error alarm), never retried by hand.
 */
export const handler = async (): Promise<ScanReport> => {
  try {
    const report = await app.scan();
    app.logger.info("sla scan", { ...report });
    return report;
  } catch (error) {
    app.logger.error("sla scan failed", { error: safeError(error) });
    throw error;
  }
};
