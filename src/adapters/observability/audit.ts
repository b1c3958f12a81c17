/** The part of a structured logger an audit record needs (Powertools' Logger fits). */
export interface AuditLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
}

/**
 * Writes one audit-trail line: a structured INFO log with `audit: <event>` that a CloudWatch Logs
 * Insights query (`filter ispresent(audit)`) or a metric filter can pick out. Fields are ids, counts and
 * reasons only: callers never pass message text, payloads or secret values.
 */
export function audit(logger: AuditLogger, event: string, fields: Record<string, unknown>): void {
  logger.info(`audit ${event}`, { ...fields, audit: event });
}
