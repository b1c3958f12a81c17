/**
 * The SLA metric names the functions publish (EMF, namespace `METRICS_NAMESPACE` in lib/) and the
 * CloudWatch dashboard reads, kept in one dependency-free module so both sides agree.
 */
export const SLA_METRICS = {
  /** Per `tier`, from the routing function when the first public agent reply stops the clock. */
  firstResponseMinutes: "SlaFirstResponseMinutes",
  /** Per `tier`, from the scanner. */
  breaches: "SlaBreaches",
  /** Per `tier`, from the scanner. */
  escalations: "SlaEscalations",
  alertsSent: "SlaAlerts",
  alertsSuppressed: "SlaAlertsSuppressed",
  digests: "SlaAlertDigests",
  /** Tickets a scan left for the next one because Zendesk failed to escalate them. */
  escalationsDeferred: "SlaEscalationsDeferred",
} as const;
