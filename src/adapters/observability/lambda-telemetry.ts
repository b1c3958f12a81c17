import type { Logger } from "@aws-lambda-powertools/logger";
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Tracer } from "@aws-lambda-powertools/tracer";
import { createLogger } from "./logger.js";

/** Logs, EMF metrics and, where given a tracer, X-Ray subsegments of one function (Powertools). */
export interface Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /**
   * Adds a subsegment per invocation and per AWS call to the trace Lambda's active tracing starts. Left
   * out where the X-Ray SDK costs more cold start than its subsegments are worth (the intake function).
   */
  readonly tracer?: Tracer;
}

/**
 * Namespace from POWERTOOLS_METRICS_NAMESPACE. The tracer is the caller's, so that a function that traces
 * without the X-Ray SDK does not bundle it: this module only imports its type.
 */
export function createTelemetry(serviceName: string, tracer?: Tracer): Telemetry {
  return {
    logger: createLogger(serviceName),
    metrics: new Metrics({ serviceName }),
    ...(tracer !== undefined ? { tracer } : {}),
  };
}

export function count(telemetry: Telemetry, name: string, value = 1): void {
  telemetry.metrics.addMetric(name, MetricUnit.Count, value);
}

/**
 * Runs one invocation in its own trace subsegment (annotated with cold start and service) when there is a
 * tracer, then flushes the invocation's metrics and forgets its log keys, whatever the outcome.
 */
export async function withTelemetry<T>(
  telemetry: Telemetry,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  const { tracer, metrics, logger } = telemetry;
  const segment = tracer?.isTracingEnabled() ? tracer.getSegment() : undefined;
  const subsegment = segment?.addNewSubsegment(`## ${name}`);
  if (tracer && subsegment) {
    tracer.setSegment(subsegment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
  }
  try {
    return await work();
  } catch (error) {
    if (tracer && subsegment) tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (tracer && segment) tracer.setSegment(segment);
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    logger.resetKeys();
  }
}
