import { Tracer } from "@aws-lambda-powertools/tracer";
import { describe, expect, it, vi } from "vitest";
import { count, createTelemetry, withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";

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
