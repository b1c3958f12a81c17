import { Duration } from "aws-cdk-lib";
import type * as apigw from "aws-cdk-lib/aws-apigateway";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { SLA_METRICS } from "../../src/adapters/observability/metric-names.js";

export interface OperationsDashboardProps {
  readonly dashboardName: string;
  /** The Powertools metrics namespace of the functions. */
  readonly namespace: string;
  /** The SLA scanner's Powertools service name (its metrics carry it as the `service` dimension). */
  readonly scannerService: string;
  readonly functions: ReadonlyArray<{ readonly label: string; readonly fn: lambda.IFunction }>;
  readonly deadLetterQueues: ReadonlyArray<{ readonly label: string; readonly queue: sqs.IQueue }>;
  readonly api: apigw.RestApi;
}

const WIDE = 12;
const HEIGHT = 6;
const SLA_PERIOD = Duration.hours(1);
const OPS_PERIOD = Duration.minutes(5);

/**
 * One CloudWatch dashboard for whoever runs the bridge: SLA health first (first response time, breaches,
 * escalations and alerts per tier), then what needs fixing (dead letters, function errors, throttles and
 * duration, webhook API 4XX/5XX). Per-tier graphs use SEARCH, so a tier added in config/sla-policies.json
 * shows up without a redeploy.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const { namespace } = props;
    const perTier = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{${namespace},service,tier} MetricName="${metricName}"', '${statistic}', ${SLA_PERIOD.toSeconds()})`,
        label,
        period: SLA_PERIOD,
        usingMetrics: {},
      });
    const scanner = (metricName: string, label: string) =>
      new cloudwatch.Metric({
        namespace,
        metricName,
        dimensionsMap: { service: props.scannerService },
        statistic: "Sum",
        period: SLA_PERIOD,
        label,
      });
    const perFunction = (make: (fn: lambda.IFunction, label: string) => cloudwatch.IMetric) =>
      props.functions.map(({ fn, label }) => make(fn, label));

    this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          "# SLA\nFirst response time per tier (minutes of the tier's clock), breaches and escalations per tier, " +
          "and alerts sent or held back by the per-ticket cooldown.",
        width: 2 * WIDE,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "First response time by tier (minutes)",
        left: [
          perTier(SLA_METRICS.firstResponseMinutes, "Average", "average"),
          perTier(SLA_METRICS.firstResponseMinutes, "p90", "p90"),
        ],
        width: WIDE,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: "SLA breaches and escalations by tier",
        left: [
          perTier(SLA_METRICS.breaches, "Sum", "breaches"),
          perTier(SLA_METRICS.escalations, "Sum", "escalations"),
        ],
        width: WIDE,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title:
          "SLA alerts: sent, suppressed by cooldown, storm digests; tickets waiting for Zendesk to escalate",
        left: [
          scanner(SLA_METRICS.alertsSent, "sent"),
          scanner(SLA_METRICS.alertsSuppressed, "suppressed by cooldown"),
          scanner(SLA_METRICS.digests, "digests"),
          scanner(SLA_METRICS.escalationsDeferred, "escalations deferred to the next scan"),
        ],
        width: WIDE,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: "Dead-letter queue depth",
        left: props.deadLetterQueues.map(({ label, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({ statistic: "Maximum", period: OPS_PERIOD, label }),
        ),
        width: WIDE,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Function errors",
        left: perFunction((fn, label) => fn.metricErrors({ statistic: "Sum", period: OPS_PERIOD, label })),
        width: WIDE / 2,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: "Function throttles",
        left: perFunction((fn, label) => fn.metricThrottles({ statistic: "Sum", period: OPS_PERIOD, label })),
        width: WIDE / 2,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: "Function duration p99 (ms)",
        left: perFunction((fn, label) => fn.metricDuration({ statistic: "p99", period: OPS_PERIOD, label })),
        width: WIDE,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Webhook API 4XX and 5XX",
        left: [
          props.api.metricClientError({ statistic: "Sum", period: OPS_PERIOD, label: "4XX" }),
          props.api.metricServerError({ statistic: "Sum", period: OPS_PERIOD, label: "5XX" }),
        ],
        width: 2 * WIDE,
        height: HEIGHT,
      }),
    );
  }
}
