/** One minute in milliseconds: SLA minutes become epoch-ms deadlines with it. */
export const MINUTE_MS = 60_000;
