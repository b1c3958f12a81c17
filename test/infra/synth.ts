import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import type { CloudAssembly } from "aws-cdk-lib/cx-api";
import { createBridgeApp } from "../../lib/app.js";
import type { BridgeStack } from "../../lib/bridge-stack.js";

/** Feature flags exactly as `cdk synth` sees them. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(new URL("../../cdk.json", import.meta.url), "utf8"),
).context;

/** A complete Zendesk configuration, so tests see no placeholder warning. */
export const ZENDESK_CONTEXT = { zendeskSubdomain: "acme", zendeskEmail: "support@acme.test" } as const;

/** One entry of cdk.out/validation-report.json. */
export interface PluginReport {
  readonly pluginName: string;
  readonly violations: ReadonlyArray<{
    readonly ruleName: string;
    readonly severity?: string;
    readonly violatingResources: ReadonlyArray<{ readonly constructPath?: string }>;
  }>;
}

export interface SynthResult {
  readonly stack: BridgeStack;
  readonly template: Template;
  readonly assembly: CloudAssembly;
  readonly pluginReports: readonly PluginReport[];
}

export interface SynthOptions {
  readonly context?: Record<string, unknown>;
  /** Run esbuild for the three functions (default false). */
  readonly bundle?: boolean;
  /** Run CDK's built-in CloudFormation validation (default true; it costs several seconds). */
  readonly validateCloudFormation?: boolean;
  /** Supply {@link ZENDESK_CONTEXT} (default true). */
  readonly zendesk?: boolean;
}

/**
 * Synthesizes the real app (stack + cdk-nag plugin) into a temporary directory. Without
 * `bundle` esbuild is skipped through CDK's `aws:cdk:bundling-stacks` context, for tests
 * that only look at configuration. Throws when cdk-nag reports an unacknowledged error.
 */
export const synthBridge = (options: SynthOptions = {}): SynthResult => {
  const outdir = mkdtempSync(join(tmpdir(), "bridge-cdk-"));
  const { app, stack } = createBridgeApp({
    outdir,
    builtinCloudFormationValidation: options.validateCloudFormation ?? true,
    context: {
      ...CDK_JSON_CONTEXT,
      ...(options.zendesk === false ? {} : ZENDESK_CONTEXT),
      ...(options.bundle === true ? {} : { "aws:cdk:bundling-stacks": [] }),
      ...options.context,
    },
  });
  const assembly = app.synth();
  const report = JSON.parse(readFileSync(join(assembly.directory, "validation-report.json"), "utf8")) as {
    pluginReports: PluginReport[];
  };
  return {
    stack,
    template: Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template),
    assembly,
    pluginReports: report.pluginReports,
  };
};
