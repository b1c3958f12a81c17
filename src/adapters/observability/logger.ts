import { Logger } from "@aws-lambda-powertools/logger";
import { redactingReplacer } from "./redact.js";

/**
 * Structured JSON logs (Powertools) for one service; level from POWERTOOLS_LOG_LEVEL. Every string in a
 * line passes through the redactor, so a bot token quoted by some library's error never reaches the logs.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName, jsonReplacerFn: redactingReplacer });
}
