import { EventBridgeClient } from "@aws-sdk/client-eventbridge";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { EventBridgePublisher } from "../adapters/aws/eventbridge-publisher.js";
import { SqsDeadLetterQueue } from "../adapters/aws/sqs-dead-letter-queue.js";
import { SqsJsonClient } from "../adapters/aws/sqs-json-client.js";
import type { DeadLetterQueue } from "../ports/dead-letter-queue.js";
import type { EventPublisher } from "../ports/event-publisher.js";

export interface AwsReplaySettings {
  readonly queueUrl: string;
  readonly busName: string;
  readonly region: string;
  /** The default credential chain (environment, profile, SSO, instance role) unless given. */
  readonly credentials?: AwsCredentialIdentityProvider;
  /** Overrides both service endpoints; tests point them at a fake on 127.0.0.1. */
  readonly endpoint?: string;
}

/** `dlq:replay` on AWS: the routing dead-letter queue in SQS, replayed onto the bridge's EventBridge bus. */
export function awsReplayTargets(settings: AwsReplaySettings): {
  queue: DeadLetterQueue;
  bus: EventPublisher;
} {
  const credentials = settings.credentials ?? defaultProvider();
  const endpoint = settings.endpoint !== undefined ? { endpoint: settings.endpoint } : {};
  const sqs = new SqsJsonClient({ region: settings.region, credentials, ...endpoint });
  const events = new EventBridgeClient({ region: settings.region, credentials, ...endpoint });
  return {
    queue: new SqsDeadLetterQueue(sqs, settings.queueUrl),
    bus: new EventBridgePublisher(events, settings.busName),
  };
}
