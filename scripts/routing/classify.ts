/**
 * Classifies customer messages from JSON Lines on stdin, streaming.
 *
 *   echo '{"text":"where is my parcel?"}' | npx tsx scripts/routing/classify.ts [--model models/router.json]
 *
 * Input: one JSON object per line, `{"text": string, "chosenCategory"?: Category}`; blank lines are
 * ignored. Output: one line per valid input line, in input order,
 * `{"text": ..., "category": ..., "confidence": ...}` (confidence rounded to 4 decimals).
 *
 * Bad lines (not JSON, no string `text`, an unknown `chosenCategory`) are skipped with a message on
 * stderr naming the line number, so one bad record does not stop a large batch; the exit code is
 * then 1, so a pipeline still notices. Exit code 0 means every non-blank line was classified.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { CATEGORIES } from "../../src/domain/routing/categories.js";
import { createClassifier } from "../../src/domain/routing/classifier.js";
import * as z from "../../src/zod.js";
import { loadModel, MODEL_PATH } from "./model-file.js";

const inputSchema = z.object({ text: z.string(), chosenCategory: z.optional(z.enum(CATEGORIES)) });

// A reader that stops early (`| head`) is not an error of ours: stop quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

const { values } = parseArgs({ options: { model: { type: "string", default: MODEL_PATH } } });
const classifier = createClassifier(loadModel(values.model));

function parseLine(line: string): z.infer<typeof inputSchema> | string {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return "not valid JSON";
  }
  const parsed = inputSchema.safeParse(json);
  return parsed.success ? parsed.data : z.prettifyError(parsed.error).replaceAll("\n", " ");
}

let lineNumber = 0;
let failures = 0;
for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
  lineNumber++;
  if (line.trim() === "") continue;
  const input = parseLine(line);
  if (typeof input === "string") {
    failures++;
    process.stderr.write(`classify: line ${lineNumber} skipped: ${input}\n`);
    continue;
  }
  const { category, confidence } = classifier.classify(input.text, { chosenCategory: input.chosenCategory });
  const output = `${JSON.stringify({ text: input.text, category, confidence: Math.round(confidence * 1e4) / 1e4 })}\n`;
  // Respect backpressure so a slow reader does not make us buffer the whole input.
  if (!process.stdout.write(output)) await once(process.stdout, "drain");
}
if (failures > 0) {
  process.stderr.write(`classify: ${failures} of ${lineNumber} lines skipped\n`);
  process.exitCode = 1;
}
