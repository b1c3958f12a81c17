import { Duration, Validations } from "aws-cdk-lib";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/**
 * An encrypted, TLS-only queue that keeps failed events for 14 days (the SQS maximum) so
 * they can be inspected and replayed. The depth alarm lives with the other alarms.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;

  constructor(scope: Construct, id: string, props: { readonly encryptionKey: kms.IKey }) {
    super(scope, id);
    this.queue = new sqs.Queue(this, "Queue", {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself a dead-letter queue (EventBridge target DLQ and Lambda on-failure destination); " +
        "cdk-nag only recognises DLQs attached to other SQS queues. A DLQ behind it would add nothing: " +
        "the depth alarm pages on the first message.",
    });
  }
}
