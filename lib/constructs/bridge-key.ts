import { Aws, RemovalPolicy } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

/**
 * The bridge's single customer managed key. It encrypts the table, the alert topic, the
 * dead-letter queues, the secrets and every log group, so one key policy shows who can
 * read bridge data. Principals inside the account get access through their IAM policies
 * (the CDK default key policy delegates to the account); AWS services that write
 * encrypted data on their own behalf are named here.
 */
export class BridgeKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: { readonly alias: string }) {
    super(scope, id);
    this.key = new kms.Key(this, "Key", {
      description: "Telegram-Zendesk bridge: table, topic, queues, secrets and logs",
      enableKeyRotation: true,
      alias: props.alias,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // CloudWatch Logs encrypts log events itself; the condition limits it to this
    // account's log groups (docs: encrypt-log-data-kms).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "AllowCloudWatchLogs",
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        resources: ["*"],
        conditions: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );

    // CloudWatch alarms publish to the encrypted topic and EventBridge sends failed events
    // to the encrypted dead-letter queues; both need a data key from this key. Which alarms
    // and rules may send at all is decided by the topic and queue policies.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "AllowAlarmAndEventDelivery",
        principals: [
          new iam.ServicePrincipal("cloudwatch.amazonaws.com"),
          new iam.ServicePrincipal("events.amazonaws.com"),
        ],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
      }),
    );
  }
}
