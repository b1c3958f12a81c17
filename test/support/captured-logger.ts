import type { Logger } from "@aws-lambda-powertools/logger";
import { createLogger } from "../../src/adapters/observability/logger.js";

export interface CapturedLogs {
  /** A logger built as production builds it (INFO level, redaction on), printing into `lines`. */
  readonly logger: Logger;
  /** Every printed line, exactly as CloudWatch would receive it. */
  readonly lines: string[];
  /** Parsed lines carrying an `audit` field. */
  audits(): Array<Record<string, unknown>>;
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const logger = createLogger("captured");
  const print = (line: string) => {
    lines.push(line);
  };
  // Powertools prints through a private Console; swapping it keeps the formatting and the replacer.
  Object.assign(logger, { console: { debug: print, info: print, warn: print, error: print, log: print } });
  return {
    logger,
    lines,
    audits: () =>
      lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => "audit" in entry),
  };
}
