import * as z from "../zod.js";

/** A regular expression written as a string in a configuration file; a broken one is named at start. */
export const regex = (flags = "") =>
  z.pipe(
    z.string(),
    z.transform((source: string, ctx) => {
      try {
        return new RegExp(source, flags);
      } catch (error) {
        ctx.issues.push({
          code: "custom",
          input: source,
          message: `not a valid regular expression: ${(error as Error).message}`,
        });
        return z.NEVER;
      }
    }),
  );

/** Names each zod issue by its path in the file, one per line. */
export function describeFileIssues(error: z.core.$ZodError, source: string): string {
  const lines = error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  return `Invalid ${source}:\n${lines.join("\n")}`;
}
