/** Order statistics for benchmark samples. */

const sorted = (values: readonly number[]): number[] => {
  if (values.length === 0) throw new Error("no samples");
  return [...values].sort((a, b) => a - b);
};

/** The q-quantile by nearest rank (q = 0.99 gives p99): always one of the samples, never interpolated. */
export function quantile(values: readonly number[], q: number): number {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
}

export function median(values: readonly number[]): number {
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export const mean = (values: readonly number[]): number =>
  sorted(values).reduce((sum, v) => sum + v, 0) / values.length;

export const max = (values: readonly number[]): number => sorted(values).at(-1) as number;

export const min = (values: readonly number[]): number => sorted(values)[0] as number;

/** A Markdown table, columns padded so it also reads well in a terminal. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}
