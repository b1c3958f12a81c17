/**
 * Reads labelled routing examples from JSONL files. This is the edge where file contents become
 * typed data: each line is checked with zod and a bad line stops the run with its location.
 */
import { readFileSync } from "node:fs";
import { CATEGORIES } from "../../src/domain/routing/categories.js";
import type { RoutingExample } from "../../src/domain/routing/train.js";
import * as z from "../../src/zod.js";

const exampleSchema = z.object({ text: z.string(), category: z.enum(CATEGORIES) });

/** Shared data lives outside the repository; project-owned Russian data lives inside it. */
export const SHARED_TRAIN = "../shared/data/routing/train.jsonl";
export const SHARED_DEV = "../shared/data/routing/dev.jsonl";
export const RU_TRAIN = "data/routing-ru/train.jsonl";
export const RU_DEV = "data/routing-ru/dev.jsonl";
/** Where exported agent corrections go to be trained on (not in the repository). */
export const CORRECTIONS_TRAIN = "data/routing-corrections/train.jsonl";

/** Parses JSONL text; `source` names the file in error messages. */
export function parseExamples(content: string, source: string): RoutingExample[] {
  const examples: RoutingExample[] = [];
  content.split("\n").forEach((line, index) => {
    if (line.trim() === "") return;
    const parsed = exampleSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${source}:${index + 1}: ${z.prettifyError(parsed.error)}`);
    examples.push(parsed.data);
  });
  return examples;
}

/** Reads and parses one JSONL file. */
export function loadExamples(path: string): RoutingExample[] {
  return parseExamples(readFileSync(path, "utf8"), path);
}
