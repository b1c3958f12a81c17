import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { StepKind } from "../../domain/sla/policy.js";
import type { ScanReport } from "../../domain/sla/scan.js";
import type { SlaMetrics } from "../../ports/sla-metrics.js";
import { count, type Telemetry } from "./lambda-telemetry.js";
import { SLA_METRICS } from "./metric-names.js";

/**
 * What a scan reports, counted for the invocation's flush. Escalations, breaches and suppressed alerts go
 * out through the scan's metrics port (`PowertoolsSlaMetrics`) as they happen.
 */
export function countScanReport(telemetry: Telemetry, report: ScanReport): void {
  count(telemetry, SLA_METRICS.alertsSent, report.alerted);
  if (report.digest) count(telemetry, SLA_METRICS.digests);
  if (report.deferred > 0) count(telemetry, SLA_METRICS.escalationsDeferred, report.deferred);
}

/**
 * SLA figures as Powertools (EMF) metrics. Per-tier figures go out at once as single metrics with a `tier`
 * dimension (the invocation's stored metrics share one dimension set); the rest is flushed with the
 * invocation by `withTelemetry`.
 */
export class PowertoolsSlaMetrics implements SlaMetrics {
  constructor(private readonly telemetry: Telemetry) {}

  firstResponse(tier: string, minutes: number): void {
    this.perTier(SLA_METRICS.firstResponseMinutes, tier, MetricUnit.NoUnit, minutes);
  }

  breached(tier: string, _step: StepKind): void {
    this.perTier(SLA_METRICS.breaches, tier, MetricUnit.Count, 1);
  }

  escalated(tier: string, _step: StepKind): void {
    this.perTier(SLA_METRICS.escalations, tier, MetricUnit.Count, 1);
  }

  alertsSuppressed(suppressed: number): void {
    count(this.telemetry, SLA_METRICS.alertsSuppressed, suppressed);
  }

  private perTier(
    name: string,
    tier: string,
    unit: (typeof MetricUnit)[keyof typeof MetricUnit],
    value: number,
  ): void {
    const metric = this.telemetry.metrics.singleMetric();
    metric.addDimension("tier", tier);
    metric.addMetric(name, unit, value);
  }
}
