import * as z from "../zod.js";
import { httpUrl, optional, parseEnv, withDefault } from "./env-schema.js";

/** Stack outputs that name the replay's source and destination (lib/bridge-stack.ts). */
export const REPLAY_OUTPUTS = { queueUrl: "RoutingDeadLetterQueueUrl", busName: "EventBusName" } as const;

export type ReplayConfig = { readonly dryRun: boolean; readonly max: number } & (
  | { readonly target: "local"; readonly url: string }
  | { readonly target: "aws"; readonly queueUrl: string; readonly busName: string; readonly region: string }
);

/** What `--outputs FILE` holds: `cdk deploy --outputs-file` JSON, or the CLI's `Stacks[0].Outputs`. */
const outputsFile = z.union([
  z.pipe(
    z.array(z.object({ OutputKey: z.string(), OutputValue: z.string() })),
    z.transform((outputs: { OutputKey: string; OutputValue: string }[]) =>
      Object.fromEntries(outputs.map((o) => [o.OutputKey, o.OutputValue])),
    ),
  ),
  z.pipe(
    z
      .record(z.string(), z.record(z.string(), z.string()))
      .check(
        z.refine(
          (stacks) => Object.keys(stacks).length === 1,
          "one stack's outputs (cdk deploy --outputs-file)",
        ),
      ),
    z.transform((stacks: Record<string, Record<string, string>>) => Object.values(stacks)[0] ?? {}),
  ),
]);

const settingsSchema = z
  .object({
    "--dry-run": z.boolean(),
    "--max": withDefault(
      z.pipe(z.coerce.number(), z.int().check(z.minimum(1, "a positive whole number"))),
      1000,
    ),
    "--local": z.boolean(),
    "--url": httpUrl,
    "--queue-url": optional(httpUrl),
    "--bus-name": optional(z.string().check(z.minLength(1))),
    "--region": optional(
      z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as eu-west-1")),
    ),
  })
  .check(
    z.superRefine((s, ctx) => {
      if (s["--local"]) return;
      for (const key of ["--queue-url", "--bus-name", "--region"] as const) {
        if (s[key] === undefined)
          ctx.addIssue({ code: "custom", path: [key], message: `required unless --local (${hint[key]})` });
      }
    }),
  );

const hint = {
  "--queue-url": `stack output ${REPLAY_OUTPUTS.queueUrl}, or --outputs FILE`,
  "--bus-name": `stack output ${REPLAY_OUTPUTS.busName}, or --outputs FILE`,
  "--region": "or AWS_REGION, or a queue URL on sqs.<region>.amazonaws.com",
};

export interface ReplayArgs {
  "dry-run"?: boolean;
  max?: string;
  local?: boolean;
  url?: string;
  "queue-url"?: string;
  "bus-name"?: string;
  region?: string;
  /** The text of the `--outputs` file, when one was named. */
  outputs?: string;
}

/**
 * `dlq:replay` settings from its flags, the stack outputs file and the environment. Flags win over the
 * outputs file; the region comes from --region, AWS_REGION, AWS_DEFAULT_REGION or the queue URL's host.
 */
export function loadReplayConfig(args: ReplayArgs, env: Record<string, string | undefined>): ReplayConfig {
  const outputs = args.outputs === undefined ? {} : outputsFile.parse(JSON.parse(args.outputs));
  const queueUrl = args["queue-url"] ?? outputs[REPLAY_OUTPUTS.queueUrl];
  const regionOfQueue = queueUrl?.match(/^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\//)?.[1];
  const s = parseEnv(
    settingsSchema,
    {
      "--dry-run": args["dry-run"] ?? false,
      "--max": args.max,
      "--local": args.local ?? false,
      "--url": args.url ?? `http://127.0.0.1:${env.PORT || 8787}`,
      "--queue-url": queueUrl,
      "--bus-name": args["bus-name"] ?? outputs[REPLAY_OUTPUTS.busName],
      "--region": args.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? regionOfQueue,
    } as unknown as Record<string, string | undefined>,
    "dlq:replay",
  );
  const common = { dryRun: s["--dry-run"], max: s["--max"] };
  return s["--local"]
    ? { ...common, target: "local", url: s["--url"] }
    : {
        ...common,
        target: "aws",
        queueUrl: s["--queue-url"] as string,
        busName: s["--bus-name"] as string,
        region: s["--region"] as string,
      };
}
