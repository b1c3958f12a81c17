import { Validations } from "aws-cdk-lib";
import * as apigateway from "aws-cdk-lib/aws-apigateway";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";

/**
 * TLS 1.2 or newer on the API's own endpoint. Telegram requires TLS 1.2+ of webhooks and Zendesk speaks it;
 * an enhanced `SecurityPolicy_TLS13_*` policy would shut out whichever sender has no TLS 1.3 yet.
 */
export const API_SECURITY_POLICY = "TLS_1_2";

/** API paths of the two webhooks. */
export const WEBHOOK_PATHS = {
  telegram: "/telegram/webhook",
  zendesk: "/zendesk/webhook",
} as const;

export const STAGE_NAME = "prod";

export interface WebhookApiProps {
  readonly name: string;
  readonly encryptionKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly telegramHandler: lambda.IFunction;
  readonly zendeskHandler: lambda.IFunction;
  readonly telegramAllowedCidrs: readonly string[];
  /** Empty: the Zendesk route accepts any source address (the HMAC signature still applies). */
  readonly zendeskAllowedCidrs: readonly string[];
  readonly throttleRateLimit: number;
  readonly throttleBurstLimit: number;
}

// Telegram and Zendesk cannot sign requests with SigV4 or present Cognito tokens; each
// webhook is authenticated in its handler instead.
const WEBHOOK_AUTH_REASONS = {
  telegram:
    "Telegram cannot sign with SigV4 or send Cognito tokens. The intake handler authenticates each call by " +
    "comparing X-Telegram-Bot-Api-Secret-Token with the generated webhook secret in constant time, and the " +
    "resource policy only admits Telegram's published source ranges.",
  zendesk:
    "Zendesk cannot sign with SigV4 or send Cognito tokens. The routing handler authenticates each call by " +
    "verifying the X-Zendesk-Webhook-Signature HMAC-SHA256 over timestamp and body and rejecting stale " +
    "timestamps; the resource policy can also restrict sources to Zendesk's egress ranges.",
} as const;

/**
 * The public REST API for the two webhooks. Regional endpoint, stage throttling, JSON
 * access logs in a CMK-encrypted log group, X-Ray, and a resource policy that denies
 * callers outside the vendors' address ranges before any Lambda runs.
 *
 * REST APIs have no request-size setting: API Gateway caps payloads at 10 MB, Lambda's synchronous
 * invocations at 6 MB, and the handlers answer 413 to bodies over 1 MiB before parsing them. A REST API
 * endpoint is HTTPS only (there is no plain-HTTP listener to switch off); the security policy sets the
 * minimum TLS version.
 */
export class WebhookApi extends Construct {
  readonly api: apigateway.RestApi;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    this.accessLogs = new logs.LogGroup(this, "AccessLogs", {
      retention: props.logRetention,
      encryptionKey: props.encryptionKey,
    });

    this.api = new apigateway.RestApi(this, "Api", {
      restApiName: `${props.name}-webhooks`,
      description: "Telegram and Zendesk webhooks of the support bridge",
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      cloudWatchRole: true,
      policy: resourcePolicy(props),
      deployOptions: {
        stageName: STAGE_NAME,
        throttlingRateLimit: props.throttleRateLimit,
        throttlingBurstLimit: props.throttleBurstLimit,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        // Request bodies carry customer messages and the Telegram secret header: never log them.
        dataTraceEnabled: false,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: false,
        }),
      },
    });

    (this.api.node.defaultChild as apigateway.CfnRestApi).securityPolicy = API_SECURITY_POLICY;

    // API Gateway writes the stage's execution logs (errors only) to a group of this name, and would create
    // it itself on the first error, unencrypted and kept forever. Made here first, with the bridge key and
    // the retention every other log group of the stack has.
    const executionLogs = new logs.LogGroup(this, "ExecutionLogs", {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${STAGE_NAME}`,
      retention: props.logRetention,
      encryptionKey: props.encryptionKey,
    });
    this.api.deploymentStage.node.addDependency(executionLogs);

    const telegram = this.api.root.resourceForPath(WEBHOOK_PATHS.telegram);
    const zendesk = this.api.root.resourceForPath(WEBHOOK_PATHS.zendesk);
    const telegramPost = telegram.addMethod("POST", new apigateway.LambdaIntegration(props.telegramHandler));
    const zendeskPost = zendesk.addMethod("POST", new apigateway.LambdaIntegration(props.zendeskHandler));
    for (const [method, reason] of [
      [telegramPost, WEBHOOK_AUTH_REASONS.telegram],
      [zendeskPost, WEBHOOK_AUTH_REASONS.zendesk],
    ] as const) {
      Validations.of(method).acknowledge(
        { id: "AwsSolutions-APIG4", reason },
        { id: "AwsSolutions-COG4", reason },
      );
    }

    Validations.of(this.api).acknowledge({
      id: "AwsSolutions-APIG2",
      reason:
        "Both bodies are vendor-defined JSON (Telegram Update, Zendesk trigger payload). The handlers check the " +
        "secret token or HMAC signature first and then validate with zod; an API Gateway model would duplicate " +
        "those schemas and reject fields the vendors add.",
    });
    Validations.of(this.api.deploymentStage).acknowledge({
      id: "AwsSolutions-APIG3",
      reason:
        "The API has two POST routes. The resource policy admits only Telegram's source ranges on its route (and " +
        "Zendesk's on its route when the deployer lists them in zendeskAllowedCidrs), stage throttling caps the " +
        "request rate, and every request must carry the webhook secret or a valid HMAC signature, checked in " +
        "constant time before anything else; a WAF web ACL would add cost without covering anything those " +
        "controls miss.",
    });
    const cloudWatchRole = this.api.node.tryFindChild("CloudWatchRole");
    if (cloudWatchRole !== undefined) {
      Validations.of(cloudWatchRole).acknowledge({
        id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]",
        reason:
          "API Gateway's account-level logging role; AWS documents this managed policy for it. API Gateway " +
          "creates its execution log groups itself, so a customer policy would need the same logs:* on '*'.",
      });
    }
  }

  /** Full URL of a webhook path on the deployed stage. */
  urlFor(path: string): string {
    return this.api.urlForPath(path);
  }
}

const denyOutside = (path: string, cidrs: readonly string[]): iam.PolicyStatement =>
  new iam.PolicyStatement({
    sid: `DenyOutside${path.split("/")[1] === "telegram" ? "Telegram" : "Zendesk"}Ranges`,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ["execute-api:Invoke"],
    resources: [`execute-api:/*/*${path}`],
    conditions: { NotIpAddress: { "aws:SourceIp": [...cidrs] } },
  });

const resourcePolicy = (props: WebhookApiProps): iam.PolicyDocument => {
  const statements = [
    new iam.PolicyStatement({
      sid: "AllowInvoke",
      principals: [new iam.AnyPrincipal()],
      actions: ["execute-api:Invoke"],
      resources: ["execute-api:/*"],
    }),
    denyOutside(WEBHOOK_PATHS.telegram, props.telegramAllowedCidrs),
  ];
  if (props.zendeskAllowedCidrs.length > 0) {
    statements.push(denyOutside(WEBHOOK_PATHS.zendesk, props.zendeskAllowedCidrs));
  }
  return new iam.PolicyDocument({ statements });
};
