const SUMMARY_CHARS = 80;

/** The start of a description for /status, ticket buttons and notices, marked when it is cut. */
export function preview(description: string): string {
  const flat = description.replace(/\s+/g, " ").trim();
  return flat.length <= SUMMARY_CHARS ? flat : `${flat.slice(0, SUMMARY_CHARS - 1).trimEnd()}…`;
}
