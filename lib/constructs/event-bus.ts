import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

/** `source` of every event the intake function publishes. */
export const INTAKE_SOURCE = "telegram-zendesk-bridge.intake";

/** Intake events the routing function handles. */
export const ROUTED_DETAIL_TYPES: readonly string[] = [
  "IntakeSubmitted",
  "CustomerMessageReceived",
  "TicketFeedbackGiven",
];

/**
 * The custom bus between intake and routing. Intake acknowledges Telegram quickly and
 * publishes here; routing does the slow Zendesk work behind a retry policy and a DLQ.
 */
export class BridgeEventBus extends Construct {
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bus = new events.EventBus(this, "Bus", {
      description: "Telegram-Zendesk bridge: intake events for routing",
    });
  }

  /**
   * Sends intake events to `target`. The retry policy covers delivery to Lambda
   * (throttling, service errors) for up to 6 hours; events that still cannot be delivered
   * go to `deadLetterQueue`.
   */
  routeIntakeEvents(target: lambda.IFunction, deadLetterQueue: sqs.IQueue): events.Rule {
    return new events.Rule(this, "RouteIntakeEvents", {
      eventBus: this.bus,
      description: "Intake events to the routing function",
      eventPattern: { source: [INTAKE_SOURCE], detailType: [...ROUTED_DETAIL_TYPES] },
      targets: [
        new targets.LambdaFunction(target, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
          deadLetterQueue,
        }),
      ],
    });
  }
}
