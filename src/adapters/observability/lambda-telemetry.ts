import type { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import { createLogger } from "./logger.js";

/** Logs, EMF metrics and X-Ray traces of one function (Powertools); namespace from POWERTOOLS_METRICS_NAMESPACE. */
export interface Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

export function createTelemetry(serviceName: string): Telemetry {
  return {
    logger: createLogger(serviceName),
    metrics: new Metrics({ serviceName }),
    tracer: new Tracer({ serviceName }),
  };
}

export function count(telemetry: Telemetry, name: string, value = 1): void {
  telemetry.metrics.addMetric(name, MetricUnit.Count, value);
}

/**
 * Runs one invocation in its own trace subsegment (annotated with cold start and service), then flushes
 * the invocation's metrics and forgets its log keys, whatever the outcome.
 */
export async function withTelemetry<T>(
  telemetry: Telemetry,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const { tracer, metrics, logger } = telemetry;
  const segment = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  const subsegment = segment?.addNewSubsegment(`## ${name}`);
  if (subsegment) {
    tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
  }
  try {
    return await work();
  } catch (error) {
    if (subsegment) tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (segment) tracer.setSegment(segment);
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    logger.resetKeys();
  }
}
