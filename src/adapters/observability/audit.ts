/** The part of a structured logger an audit record needs (Powertools' Logger fits). */
export interface AuditLogger {
  info(message: string, ...extra: Record<string, unknown>[]): void;
}

/**
 * One security-relevant event as a structured log line: `{"audit": event, ...fields}` at INFO, so a CloudWatch
 * Logs Insights query `filter audit = "secret-rotation"` finds the trail. Fields carry ids, never secret values.
 */
export function audit(logger: AuditLogger, event: string, fields: Record<string, unknown>): void {
  logger.info(`audit: ${event}`, { audit: event, ...fields });
}
