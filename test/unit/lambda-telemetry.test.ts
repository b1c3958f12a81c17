import { Tracer } from "@aws-lambda-powertools/tracer";
import { afterEach, describe, expect, it, vi } from "vitest";
import { count, createTelemetry, withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { countScanReport, PowertoolsSlaMetrics } from "../../src/adapters/observability/sla-metrics.js";

describe("withTelemetry", () => {
  it("flushes the invocation's metrics as EMF and forgets its log keys", async () => {
    const telemetry = createTelemetry("test");
    const published = vi
      .spyOn(telemetry.metrics, "publishStoredMetrics")
      .mockImplementation(() => telemetry.metrics);
    const result = await withTelemetry(telemetry, "test", async () => {
      telemetry.logger.appendKeys({ updateId: 42 });
      count(telemetry, "UpdatesProcessed");
      return "done";
    });
    expect(result).toBe("done");
    expect(published).toHaveBeenCalledTimes(1);
    expect(telemetry.logger.getPersistentLogAttributes()).not.toHaveProperty("updateId");
  });

  it("flushes and rethrows when the invocation fails", async () => {
    const telemetry = createTelemetry("test");
    const published = vi
      .spyOn(telemetry.metrics, "publishStoredMetrics")
      .mockImplementation(() => telemetry.metrics);
    await expect(
      withTelemetry(telemetry, "test", async () => {
        count(telemetry, "Failures");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(published).toHaveBeenCalledTimes(1);
  });

  it("publishes nothing when the invocation recorded no metric", async () => {
    const telemetry = createTelemetry("test");
    const published = vi.spyOn(telemetry.metrics, "publishStoredMetrics");
    await withTelemetry(telemetry, "test", async () => undefined);
    expect(published).not.toHaveBeenCalled();
  });
});

describe("withTelemetry with a tracer", () => {
  it("runs the invocation in its own subsegment, annotated, then restores the function's segment", async () => {
    const tracer = new Tracer({ serviceName: "test" });
    const subsegment = { close: vi.fn() };
    const segment = { addNewSubsegment: vi.fn(() => subsegment) };
    vi.spyOn(tracer, "isTracingEnabled").mockReturnValue(true);
    vi.spyOn(tracer, "getSegment").mockReturnValue(segment as never);
    const setSegment = vi.spyOn(tracer, "setSegment").mockImplementation(() => undefined);
    const coldStart = vi.spyOn(tracer, "annotateColdStart").mockImplementation(() => undefined);
    const errorMetadata = vi.spyOn(tracer, "addErrorAsMetadata").mockImplementation(() => undefined);
    vi.spyOn(tracer, "addServiceNameAnnotation").mockImplementation(() => undefined);
    const telemetry = createTelemetry("test", tracer);

    await expect(
      withTelemetry(telemetry, "intake", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");

    expect(segment.addNewSubsegment).toHaveBeenCalledWith("## intake");
    expect(coldStart).toHaveBeenCalledTimes(1);
    expect(errorMetadata).toHaveBeenCalledWith(expect.objectContaining({ message: "boom" }));
    expect(subsegment.close).toHaveBeenCalledTimes(1);
    expect(setSegment.mock.calls).toEqual([[subsegment], [segment]]);
  });
});

describe("PowertoolsSlaMetrics", () => {
  /** Telemetry whose EMF output (written with console.log in dev mode) is captured as parsed blobs. */
  function capture() {
    vi.stubEnv("POWERTOOLS_DEV", "true");
    vi.stubEnv("POWERTOOLS_METRICS_DISABLED", "false");
    vi.stubEnv("POWERTOOLS_METRICS_NAMESPACE", "TelegramZendeskBridge");
    const blobs: Array<Record<string, unknown>> = [];
    const log = vi.spyOn(console, "log").mockImplementation((line: unknown) => {
      blobs.push(JSON.parse(String(line)));
    });
    const telemetry = createTelemetry("sla-scanner");
    return { telemetry, metrics: new PowertoolsSlaMetrics(telemetry), blobs, log };
  }
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  const dimensionsOf = (blob: Record<string, unknown>) =>
    (blob._aws as { CloudWatchMetrics: Array<{ Dimensions: string[][]; Namespace: string }> })
      .CloudWatchMetrics[0];

  it("emits the first response time in minutes with a tier dimension", () => {
    const { metrics, blobs } = capture();
    metrics.firstResponse("priority", 12.5);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]).toMatchObject({
      SlaFirstResponseMinutes: 12.5,
      tier: "priority",
      service: "sla-scanner",
    });
    expect(dimensionsOf(blobs[0] as Record<string, unknown>)).toMatchObject({
      Namespace: "TelegramZendeskBridge",
      Dimensions: [["service", "tier"]],
    });
  });

  it("emits breaches and escalations per tier", () => {
    const { metrics, blobs } = capture();
    metrics.breached("standard", "resolution-breach");
    metrics.escalated("standard", "resolution-breach");
    expect(blobs).toEqual([
      expect.objectContaining({ SlaBreaches: 1, tier: "standard" }),
      expect.objectContaining({ SlaEscalations: 1, tier: "standard" }),
    ]);
  });

  it("flushes a scan's alerts, digest and deferred escalations with the invocation", async () => {
    const { telemetry, blobs } = capture();
    const report = { read: 60, escalated: 59, alerted: 59, suppressed: 0, digest: true, deferred: 1 };
    await withTelemetry(telemetry, "sla-scanner", async () => countScanReport(telemetry, report));
    expect(blobs).toEqual([
      expect.objectContaining({ SlaAlerts: 59, SlaAlertDigests: 1, SlaEscalationsDeferred: 1 }),
    ]);
  });

  it("flushes alerts suppressed by the cooldown with the invocation", async () => {
    const { telemetry, metrics, blobs } = capture();
    await withTelemetry(telemetry, "sla-scanner", async () => metrics.alertsSuppressed(3));
    expect(blobs).toEqual([expect.objectContaining({ SlaAlertsSuppressed: 3, service: "sla-scanner" })]);
  });
});
