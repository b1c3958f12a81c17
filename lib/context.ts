import { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { Node } from "constructs";
import * as z from "zod";

/** Telegram's published webhook source ranges (core.telegram.org/bots/webhooks). */
export const TELEGRAM_DEFAULT_CIDRS: readonly string[] = ["149.154.160.0/20", "91.108.4.0/22"];

/**
 * Stand-ins used when the Zendesk keys are missing, so `cdk synth` works on a fresh
 * checkout. The stack adds a warning annotation naming the missing keys; a stack
 * synthesized with them is not deployable in any useful sense.
 */
export const ZENDESK_PLACEHOLDERS = {
  zendeskSubdomain: "example",
  zendeskEmail: "bridge@example.com",
} as const;

/** Every context key the bridge reads; anything else in the context belongs to CDK. */
export const CONTEXT_KEYS = [
  "stackName",
  "zendeskSubdomain",
  "zendeskEmail",
  "slackWorkspaceId",
  "slackChannelId",
  "telegramAllowedCidrs",
  "zendeskAllowedCidrs",
  "logRetentionDays",
  "apiThrottleRateLimit",
  "apiThrottleBurstLimit",
  "secretRotationDays",
  "webhookSecretGraceMinutes",
  "alarmEmail",
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

/** The deployer's choices, parsed once from CDK context. */
export interface BridgeContext {
  readonly stackName: string;
  readonly zendeskSubdomain: string;
  readonly zendeskEmail: string;
  /** Keys that fell back to {@link ZENDESK_PLACEHOLDERS}; empty for a real deploy. */
  readonly placeholderKeys: readonly ContextKey[];
  /** Set only when both Slack keys are given. */
  readonly slack?: { readonly workspaceId: string; readonly channelId: string };
  readonly telegramAllowedCidrs: readonly string[];
  /** Empty means the Zendesk webhook route is not IP-restricted. */
  readonly zendeskAllowedCidrs: readonly string[];
  /** `logRetentionDays` rounded to the nearest value CloudWatch Logs accepts. */
  readonly logRetention: RetentionDays;
  readonly apiThrottleRateLimit: number;
  readonly apiThrottleBurstLimit: number;
  /** Days between automatic rotations (and the bot token's age limit). */
  readonly secretRotationDays: number;
  /** How long a webhook secret's previous value is still accepted after a rotation. */
  readonly webhookSecretGraceMinutes: number;
  readonly alarmEmail?: string;
}

/** Raised when a context value is missing or malformed; `key` names the offending context key. */
export class BridgeContextError extends Error {
  override readonly name = "BridgeContextError";

  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

// `cdk -c key=value` always delivers strings, while cdk.json delivers JSON types: accept both.
const blankToUndefined = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const fromNumericString = (value: unknown): unknown => {
  const v = blankToUndefined(value);
  return typeof v === "string" ? Number(v.trim()) : v;
};

const fromListString = (value: unknown): unknown => {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text.startsWith("[")) {
    try {
      return JSON.parse(text);
    } catch {
      return value;
    }
  }
  return text === "" ? [] : text.split(",").map((part) => part.trim());
};

const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.preprocess(fromNumericString, z.number().int().min(min).max(max).default(fallback));
const cidr = z.union([z.cidrv4(), z.cidrv6()], {
  error: "expected IPv4/IPv6 CIDR blocks such as 203.0.113.0/24",
});
const cidrList = (fallback: readonly string[], minLength: number) =>
  z.preprocess(
    fromListString,
    z
      .array(cidr)
      .min(minLength, "must list at least one CIDR block")
      .default(() => [...fallback]),
  );

const schema = z
  .object({
    stackName: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(
          /^[A-Za-z][A-Za-z0-9-]{0,120}$/,
          // 128 for CloudFormation, less the "-alerts" the Slack channel configuration's name adds.
          "expected a CloudFormation stack name ([A-Za-z][A-Za-z0-9-]*) of at most 121 characters",
        )
        .default("TelegramZendeskBridge"),
    ),
    zendeskSubdomain: optionalText(
      z
        .string()
        .toLowerCase()
        .regex(
          /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
          'expected the bare subdomain, e.g. "acme" for https://acme.zendesk.com',
        ),
    ),
    zendeskEmail: optionalText(z.email("expected the e-mail address of the Zendesk API user")),
    slackWorkspaceId: optionalText(
      z.string().regex(/^[A-Z0-9]+$/, "expected a Slack workspace ID such as T0123ABCD"),
    ),
    slackChannelId: optionalText(
      z.string().regex(/^[A-Z0-9]+$/, "expected a Slack channel ID such as C0123ABCD"),
    ),
    telegramAllowedCidrs: cidrList(TELEGRAM_DEFAULT_CIDRS, 1),
    zendeskAllowedCidrs: cidrList([], 0),
    logRetentionDays: wholeNumber(1, 3653, 90),
    apiThrottleRateLimit: z.preprocess(fromNumericString, z.number().positive().max(10_000).default(50)),
    apiThrottleBurstLimit: wholeNumber(1, 5_000, 100),
    secretRotationDays: wholeNumber(1, 365, 90),
    webhookSecretGraceMinutes: wholeNumber(0, 1440, 10),
    alarmEmail: optionalText(z.email("expected an e-mail address for alarm notifications")),
  })
  .superRefine((value, ctx) => {
    if (value.slackWorkspaceId !== undefined && value.slackChannelId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["slackChannelId"],
        message: "is required when slackWorkspaceId is set",
      });
    }
    if (value.slackChannelId !== undefined && value.slackWorkspaceId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["slackWorkspaceId"],
        message: "is required when slackChannelId is set",
      });
    }
  });

const RETENTION_STEPS: readonly number[] = Object.values(RetentionDays)
  .filter((days): days is number => typeof days === "number" && days !== RetentionDays.INFINITE)
  .sort((a, b) => a - b);

/**
 * Maps a day count to the closest retention CloudWatch Logs supports; ties go to the
 * longer retention so rounding never deletes logs earlier than asked.
 */
export const nearestRetention = (days: number): RetentionDays => {
  let best = RETENTION_STEPS[0] as number;
  for (const step of RETENTION_STEPS) {
    if (Math.abs(step - days) <= Math.abs(best - days)) best = step;
  }
  return best as RetentionDays;
};

const describe = (issue: z.core.$ZodIssue, raw: Readonly<Record<string, unknown>>): BridgeContextError => {
  const key = String(issue.path[0] ?? "context");
  const got = raw[key] === undefined ? "" : ` (got ${JSON.stringify(raw[key])})`;
  return new BridgeContextError(key, `Invalid CDK context value for "${key}": ${issue.message}${got}`);
};

/** Parses raw context values (as read from cdk.json or `-c`); throws {@link BridgeContextError}. */
export const parseBridgeContext = (raw: Readonly<Record<string, unknown>>): BridgeContext => {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const [first, ...rest] = result.error.issues.map((issue) => describe(issue, raw));
    if (first === undefined) throw new BridgeContextError("context", "Invalid CDK context");
    if (rest.length === 0) throw first;
    throw new BridgeContextError(first.key, [first, ...rest].map((e) => e.message).join("; "));
  }
  const v = result.data;
  const placeholderKeys: ContextKey[] = [];
  if (v.zendeskSubdomain === undefined) placeholderKeys.push("zendeskSubdomain");
  if (v.zendeskEmail === undefined) placeholderKeys.push("zendeskEmail");
  return Object.freeze({
    stackName: v.stackName,
    zendeskSubdomain: v.zendeskSubdomain ?? ZENDESK_PLACEHOLDERS.zendeskSubdomain,
    zendeskEmail: v.zendeskEmail ?? ZENDESK_PLACEHOLDERS.zendeskEmail,
    placeholderKeys: Object.freeze(placeholderKeys),
    ...(v.slackWorkspaceId !== undefined && v.slackChannelId !== undefined
      ? { slack: Object.freeze({ workspaceId: v.slackWorkspaceId, channelId: v.slackChannelId }) }
      : {}),
    telegramAllowedCidrs: Object.freeze([...v.telegramAllowedCidrs]),
    zendeskAllowedCidrs: Object.freeze([...v.zendeskAllowedCidrs]),
    logRetention: nearestRetention(v.logRetentionDays),
    apiThrottleRateLimit: v.apiThrottleRateLimit,
    apiThrottleBurstLimit: v.apiThrottleBurstLimit,
    secretRotationDays: v.secretRotationDays,
    webhookSecretGraceMinutes: v.webhookSecretGraceMinutes,
    ...(v.alarmEmail !== undefined ? { alarmEmail: v.alarmEmail } : {}),
  });
};

/** Letters to change, add or drop to turn one key into another, ignoring case. */
function editDistance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[y.length] as number;
}

/**
 * A context key that is one of the bridge's misspelt ("slackChanelId"): the bridge would never read it and
 * silently use the default, here no Slack channel at all. CDK's own keys are far from all of them.
 */
export function misspeltKeys(keys: readonly string[]): string[] {
  return keys.flatMap((key) => {
    if ((CONTEXT_KEYS as readonly string[]).includes(key)) return [];
    const meant = CONTEXT_KEYS.find((known) => editDistance(key, known) <= 2);
    return meant === undefined ? [] : [`"${key}" (did you mean "${meant}"?)`];
  });
}

/** Reads the bridge's keys from a construct node's context and parses them. */
export const readBridgeContext = (node: Node): BridgeContext => {
  const misspelt = misspeltKeys(Object.keys(node.getAllContext()));
  if (misspelt.length > 0)
    throw new BridgeContextError("context", `Unknown CDK context key ${misspelt.join(", ")}`);
  return parseBridgeContext(Object.fromEntries(CONTEXT_KEYS.map((key) => [key, node.tryGetContext(key)])));
};
