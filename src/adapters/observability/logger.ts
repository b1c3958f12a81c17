import { Logger } from "@aws-lambda-powertools/logger";

/** Structured JSON logs (Powertools) for one service; level from POWERTOOLS_LOG_LEVEL. */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}
