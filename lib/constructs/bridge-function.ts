import { fileURLToPath } from "node:url";
import { Aws, type Duration, Validations } from "aws-cdk-lib";
import type * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { type BundlingOptions, NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import type * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import type * as sns from "aws-cdk-lib/aws-sns";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/** The deployable functions; each lives at `functions/<name>/handler.ts` and exports `handler`. */
export type BridgeFunctionName = "intake" | "routing" | "sla-scanner";

/** Functions off the request path that keep credentials fresh (rotation, the bot token's age check). */
export type MaintenanceFunctionName = "secret-rotation" | "secret-age";

/** Repository root, resolved from this file so synth works from any working directory. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Absolute path of a function's entry file. */
export const functionEntry = (name: BridgeFunctionName | MaintenanceFunctionName): string =>
  fileURLToPath(new URL(`../../functions/${name}/handler.ts`, import.meta.url));

/**
 * Lets bundled CommonJS dependencies call `require` inside an ES module bundle. Taken from
 * `process.getBuiltinModule` rather than an `import` of `module`: see the builtin aliases below.
 */
export const ESM_REQUIRE_SHIM =
  'const require = process.getBuiltinModule("node:module").createRequire(import.meta.url);';

/** Bundle-only stand-ins, each explained in its own file under lib/bundling/ and in docs/performance.md. */
const STAND_INS = {
  // Loaded through `require`, not as ES modules: on Node 24 an ESM import of these costs 10-45 ms of init.
  http: "./lib/bundling/node-http.cjs",
  "node:http": "./lib/bundling/node-http.cjs",
  process: "./lib/bundling/node-process.cjs",
  "node:process": "./lib/bundling/node-process.cjs",
  // Loaded on first use: node-fetch imports it for compressed answers, which our Bot API clients never ask for.
  zlib: "./lib/bundling/lazy-zlib.cjs",
  // Node's own AbortController for grammY's polyfill: node-fetch then accepts its signals without keepNames.
  "abort-controller": "./lib/bundling/native-abort-controller.ts",
  // grammY's debug logging, which a deployed function never turns on.
  debug: "./lib/bundling/silent-debug.ts",
  // No client of ours has an event-stream operation.
  "@smithy/core/event-streams": "./lib/bundling/no-event-streams.ts",
  // DynamoDB endpoint discovery stays off, so its cache is never filled.
  "@aws-sdk/endpoint-cache": "./lib/bundling/no-endpoint-cache.ts",
  // node-fetch reads whatwg-url only on a runtime without `url.URL`; with its Unicode tables it was a fifth of
  // the intake bundle.
  "whatwg-url": "node:url",
  // On Lambda the default credential chain always ends at its first link, the environment; the other links
  // with their STS/SSO clients were 127-142 KiB of each bundle.
  "@aws-sdk/credential-provider-node": "./src/adapters/aws/lambda-credentials.ts",
} as const;

/**
 * House bundling options. `externalModules: []` bundles AWS SDK v3 so the deployed code
 * runs the SDK version package-lock.json pins rather than whatever the runtime ships
 * (measurements in docs/deployment.md). `sourcesContent: false` keeps the source map
 * small: logged errors are mapped through it when they happen. The output stays
 * ASCII (esbuild's default charset): one non-ASCII character makes Node decode the whole file
 * into a two-byte string, which cost about 8 ms of init on Node 24.
 *
 * The aliases swap a few modules for bundle-only stand-ins (STAND_INS); their paths are relative
 * to the project root, where CDK runs esbuild. `test/infra/bundled-*.test.ts` run bundles built
 * with them against the emulators.
 */
export const BRIDGE_BUNDLING: BundlingOptions = {
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  format: OutputFormat.ESM,
  target: "node24",
  mainFields: ["module", "main"],
  banner: ESM_REQUIRE_SHIM,
  externalModules: [],
  esbuildArgs: Object.fromEntries(Object.entries(STAND_INS).map(([from, to]) => [`--alias:${from}`, to])),
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    // The bot texts beside index.mjs, and a source map of our own files only.
    afterBundling: (inputDir, outputDir) => [
      `node "${inputDir}/lib/bundling/after-bundling.mjs" "${inputDir}" "${outputDir}"`,
    ],
  },
  forceDockerBundling: false,
};

/** Shared by every function's Powertools metrics. */
export const METRICS_NAMESPACE = "TelegramZendeskBridge";

export interface BridgeFunctionProps {
  readonly name: BridgeFunctionName | MaintenanceFunctionName;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** The bridge CMK; encrypts the function's log group. */
  readonly encryptionKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
}

/**
 * What every function may do with the table's items: the operations its bundle can send (every query goes
 * to an index). test/infra/table-permissions derives them from each bundle's sources and fails when code
 * and grant part ways.
 */
const TABLE_ACTIONS = ["DeleteItem", "GetItem", "PutItem", "UpdateItem"] as const;

type KeyUse = "dynamodb" | "sns" | "sqs" | "secretsmanager";

// Enumerated instead of `kms:GenerateDataKey*` / `kms:ReEncrypt*`: the same effective access
// CDK's table grant gives, without wildcard actions.
const KEY_ACTIONS: Record<KeyUse, readonly string[]> = {
  dynamodb: [
    "kms:Decrypt",
    "kms:DescribeKey",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
  ],
  sns: ["kms:Decrypt", "kms:GenerateDataKey"],
  sqs: ["kms:Decrypt", "kms:GenerateDataKey"],
  secretsmanager: ["kms:Decrypt", "kms:GenerateDataKey"],
};

/**
 * A `NodejsFunction` with the bridge's defaults: Node.js 24 on arm64, ESM bundle with the
 * SDK inside, X-Ray tracing, its own CMK-encrypted log group, and a role that starts
 * empty. The `bind*`/`allow*` methods grant access and set the matching environment
 * variable in one call, so the config module and IAM cannot drift apart.
 */
export class BridgeFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  private readonly encryptionKey: kms.IKey;
  private readonly keyUses = new Set<KeyUse>();

  constructor(scope: Construct, id: string, props: BridgeFunctionProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;

    this.logGroup = new logs.LogGroup(this, "Logs", {
      retention: props.logRetention,
      encryptionKey: props.encryptionKey,
    });

    // An explicit role instead of AWSLambdaBasicExecutionRole: that managed policy allows
    // writing to every log group in the account, this one only to the function's own.
    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of the ${props.name} function`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, "Function", {
      entry: functionEntry(props.name),
      handler: "handler",
      projectRoot: PROJECT_ROOT,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role,
      bundling: BRIDGE_BUNDLING,
      environment: {
        BRIDGE_RUNTIME: "aws",
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: "INFO",
        // No NODE_OPTIONS=--enable-source-maps: Node 24 would then scan the whole bundle and read its map on
        // every cold start (about 8 ms of the intake's). Logged errors are mapped when they happen
        // (src/adapters/observability/stack-frames.ts).
      },
    });

    // Lambda adds the X-Ray statement for `tracing: ACTIVE` to the role's default policy.
    const defaultPolicy = this.role.node.tryFindChild("DefaultPolicy");
    if (defaultPolicy !== undefined) {
      Validations.of(defaultPolicy).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "Only xray:PutTraceSegments and xray:PutTelemetryRecords use Resource '*' (added by tracing: ACTIVE); " +
          "X-Ray has no resource-level permissions for these actions. Every other statement names its resource.",
      });
    }
  }

  /** Sets an environment variable on the function. */
  addEnvironment(key: string, value: string): this {
    this.function.addEnvironment(key, value);
    return this;
  }

  /**
   * The item operations the bridge's bundles can send (TABLE_ACTIONS) on the table, and Query on the GSIs
   * this function queries, plus the key uses DynamoDB makes on the caller's behalf; sets `TABLE_NAME`. No
   * Scan, no Query of the table itself, no batch or transaction, no table management.
   */
  bindTable(table: dynamodb.ITable, queriedIndexes: readonly string[]): this {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: TABLE_ACTIONS.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
      }),
    );
    if (queriedIndexes.length > 0)
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ["dynamodb:Query"],
          resources: queriedIndexes.map((index) => `${table.tableArn}/index/${index}`),
        }),
      );
    this.useKeyVia("dynamodb");
    return this.addEnvironment("TABLE_NAME", table.tableName);
  }

  /** `GetSecretValue` on one secret (and decrypt through Secrets Manager); sets `envName` to its ARN. */
  readSecret(secret: secretsmanager.ISecret, envName: string): this {
    secret.grantRead(this.role);
    return this.addEnvironment(envName, secret.secretArn);
  }

  /**
   * What a rotation function needs on the secret it rotates, and nothing wider: read it, put a new version,
   * move staging labels; plus the CMK for new versions through Secrets Manager only.
   */
  rotateSecret(secret: secretsmanager.ISecret): this {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          "secretsmanager:DescribeSecret",
          "secretsmanager:GetSecretValue",
          "secretsmanager:PutSecretValue",
          "secretsmanager:UpdateSecretVersionStage",
        ],
        resources: [secret.secretArn],
      }),
    );
    this.useKeyVia("secretsmanager");
    return this;
  }

  /** `events:PutEvents` on this bus only; sets `EVENT_BUS_NAME`. */
  allowPutEvents(bus: events.IEventBus): this {
    bus.grantPutEventsTo(this.role);
    return this.addEnvironment("EVENT_BUS_NAME", bus.eventBusName);
  }

  /** `sns:Publish` on this topic only; sets `ALERT_TOPIC_ARN`. */
  allowPublish(topic: sns.ITopic): this {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ["sns:Publish"], resources: [topic.topicArn] }),
    );
    this.useKeyVia("sns");
    return this.addEnvironment("ALERT_TOPIC_ARN", topic.topicArn);
  }

  /**
   * Configures asynchronous invocation (EventBridge invokes Lambda asynchronously, so
   * function errors are retried by Lambda, not by the rule's retry policy). With a queue,
   * events that still fail land there as on-failure destination records.
   */
  configureAsyncFailures(options: {
    readonly retryAttempts: number;
    readonly maxEventAge: Duration;
    readonly failureQueue?: sqs.IQueue;
  }): this {
    const { failureQueue } = options;
    if (failureQueue !== undefined) {
      // Granted explicitly: SqsDestination's grant adds wildcard KMS actions.
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ["sqs:SendMessage"], resources: [failureQueue.queueArn] }),
      );
      this.useKeyVia("sqs");
    }
    this.function.configureAsyncInvoke({
      retryAttempts: options.retryAttempts,
      maxEventAge: options.maxEventAge,
      ...(failureQueue !== undefined
        ? { onFailure: { bind: () => ({ destination: failureQueue.queueArn }) } }
        : {}),
    });
    return this;
  }

  private useKeyVia(service: KeyUse): void {
    if (this.keyUses.has(service)) return;
    this.keyUses.add(service);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...KEY_ACTIONS[service]],
        resources: [this.encryptionKey.keyArn],
        conditions: { StringEquals: { "kms:ViaService": `${service}.${Aws.REGION}.amazonaws.com` } },
      }),
    );
  }
}
