import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

export interface SlaScheduleProps {
  readonly target: lambda.IFunction;
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * Ticks the SLA scanner every minute, the shortest rate EventBridge rules allow. A tick
 * that cannot be delivered within two minutes is worthless (the next tick scans the same
 * buckets), so retries are few and short; undeliverable ticks land in the DLQ, whose
 * alarm shows the scanner has stopped running.
 */
export class SlaSchedule extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: SlaScheduleProps) {
    super(scope, id);
    this.rule = new events.Rule(this, "EveryMinute", {
      description: "SLA scanner tick",
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [
        new targets.LambdaFunction(props.target, {
          retryAttempts: 2,
          maxEventAge: Duration.minutes(2),
          deadLetterQueue: props.deadLetterQueue,
        }),
      ],
    });
  }
}
