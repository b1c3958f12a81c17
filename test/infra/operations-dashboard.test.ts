import type { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { METRICS_NAMESPACE } from "../../lib/constructs/bridge-function.js";
import { SLA_METRICS } from "../../src/adapters/observability/metric-names.js";
import { synthBridge } from "./synth.js";
import { functionNamed, onlyResource, propsOf, referencedId } from "./template-queries.js";

interface Widget {
  readonly type: string;
  readonly properties: { readonly title?: string; readonly metrics?: unknown[][] };
}

let template: Template;
let widgets: Widget[];
/** Logical IDs the dashboard body refers to (Fn::Join parts such as `{"Ref": "..."}`). */
let referenced: Set<string>;

beforeAll(() => {
  template = synthBridge({ validateCloudFormation: false }).template;
  const [, dashboard] = onlyResource(template, "AWS::CloudWatch::Dashboard");
  const parts = (propsOf(dashboard).DashboardBody as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1];
  referenced = new Set(parts.map(referencedId).filter((id): id is string => id !== undefined));
  // Tokens become placeholders, so the body parses as JSON and keeps its shape.
  const body = parts.map((p) => (typeof p === "string" ? p : "TOKEN")).join("");
  widgets = (JSON.parse(body) as { widgets: Widget[] }).widgets;
});

const graph = (title: RegExp): Widget => {
  const found = widgets.find((w) => title.test(w.properties.title ?? ""));
  if (!found) throw new Error(`no widget titled ${title}`);
  return found;
};
const expressions = (w: Widget): string[] =>
  (w.properties.metrics ?? []).flatMap((m) =>
    m.flatMap((part) =>
      typeof part === "object" && part !== null && "expression" in part ? [String(part.expression)] : [],
    ),
  );
const metricNames = (w: Widget): unknown[] => (w.properties.metrics ?? []).map((m) => m[1]);

describe("operations dashboard", () => {
  it("is one dashboard named after the stack", () => {
    const [, dashboard] = onlyResource(template, "AWS::CloudWatch::Dashboard");
    expect(propsOf(dashboard).DashboardName).toMatch(/-operations$/);
  });

  it("graphs first response time per tier from the functions' EMF metrics", () => {
    const search = expressions(graph(/First response time by tier/));
    expect(search).toEqual([
      `SEARCH('{${METRICS_NAMESPACE},service,tier} MetricName="${SLA_METRICS.firstResponseMinutes}"', 'Average', 3600)`,
      `SEARCH('{${METRICS_NAMESPACE},service,tier} MetricName="${SLA_METRICS.firstResponseMinutes}"', 'p90', 3600)`,
    ]);
  });

  it("graphs breaches and escalations per tier", () => {
    const search = expressions(graph(/breaches and escalations/)).join("\n");
    expect(search).toContain(`MetricName="${SLA_METRICS.breaches}"`);
    expect(search).toContain(`MetricName="${SLA_METRICS.escalations}"`);
  });

  it("graphs the scanner's alerts sent, suppressed by cooldown and digests, and deferred escalations", () => {
    const alerts = graph(/SLA alerts/);
    expect(metricNames(alerts)).toEqual([
      SLA_METRICS.alertsSent,
      SLA_METRICS.alertsSuppressed,
      SLA_METRICS.digests,
      SLA_METRICS.escalationsDeferred,
    ]);
    expect(JSON.stringify(alerts.properties.metrics)).toContain('"service","sla-scanner"');
  });

  it("graphs both dead-letter queues", () => {
    const depth = graph(/Dead-letter queue depth/);
    expect(metricNames(depth)).toEqual([
      "ApproximateNumberOfMessagesVisible",
      "ApproximateNumberOfMessagesVisible",
    ]);
    const queues = Object.keys(template.findResources("AWS::SQS::Queue"));
    expect(queues).toHaveLength(2);
    for (const queue of queues) expect(referenced).toContain(queue);
  });

  it("graphs errors, throttles and duration of every function", () => {
    expect(metricNames(graph(/Function errors/))).toEqual(["Errors", "Errors", "Errors"]);
    expect(metricNames(graph(/Function throttles/))).toEqual(["Throttles", "Throttles", "Throttles"]);
    expect(metricNames(graph(/Function duration/))).toEqual(["Duration", "Duration", "Duration"]);
    for (const service of ["intake", "routing", "sla-scanner"]) {
      expect(referenced).toContain(functionNamed(template, service)[0]);
    }
  });

  it("graphs the webhook API's 4XX and 5XX", () => {
    expect(metricNames(graph(/Webhook API/))).toEqual(["4XXError", "5XXError"]);
  });
});
