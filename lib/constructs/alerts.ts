import { Aws, Duration } from "aws-cdk-lib";
import * as chatbot from "aws-cdk-lib/aws-chatbot";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";

export interface AlertsProps {
  readonly encryptionKey: kms.IKey;
  /** Prefix for the Slack channel configuration name. */
  readonly name: string;
  readonly alarmEmail?: string;
  readonly slack?: { readonly workspaceId: string; readonly channelId: string };
}

/**
 * The alert topic, its optional e-mail and Slack subscribers, and the alarms that publish
 * to it. The SLA scanner publishes escalations to the same topic.
 */
export class Alerts extends Construct {
  readonly topic: sns.Topic;
  readonly slackChannel?: chatbot.SlackChannelConfiguration;
  private readonly describeAlarms?: iam.PolicyStatement;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, "Topic", {
      displayName: "Telegram-Zendesk bridge alerts",
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // Any topic policy replaces the default one, which let the account's alarms publish; the policy
    // `enforceSSL` writes would leave every alarm notification refused. The scanner publishes with its role.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "AllowThisAccountsAlarms",
        principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            "aws:SourceArn": `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*`,
          },
          StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID },
        },
      }),
    );
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    if (props.slack !== undefined) {
      // Notifications need no permissions at all. The channel role and guardrail allow one
      // thing: reading this stack's alarms from Slack. The alarm ARNs are added as alarms are made.
      this.describeAlarms = new iam.PolicyStatement({
        actions: ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"],
      });
      const readAlarms = new iam.ManagedPolicy(this, "SlackReadAlarmsPolicy", {
        description: "Lets the alerts Slack channel describe the bridge's alarms and nothing else",
        statements: [this.describeAlarms],
      });
      const role = new iam.Role(this, "SlackChannelRole", {
        assumedBy: new iam.ServicePrincipal("chatbot.amazonaws.com"),
        description: "Role of the alerts Slack channel",
        managedPolicies: [readAlarms],
      });
      this.slackChannel = new chatbot.SlackChannelConfiguration(this, "SlackChannel", {
        slackChannelConfigurationName: `${props.name}-alerts`,
        slackWorkspaceId: props.slack.workspaceId,
        slackChannelId: props.slack.channelId,
        notificationTopics: [this.topic],
        role,
        guardrailPolicies: [readAlarms],
        userRoleRequired: false,
      });
    }
  }

  /** An alarm that notifies the topic (and again on recovery) when `metric` goes above zero. */
  alarmAboveZero(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    return this.alarmAbove(id, metric, 0, description);
  }

  /** An alarm that notifies the topic (and again on recovery) when `metric` goes above `threshold`. */
  alarmAbove(
    id: string,
    metric: cloudwatch.IMetric,
    threshold: number,
    description: string,
  ): cloudwatch.Alarm {
    return this.notifying(
      new cloudwatch.Alarm(this, id, {
        metric,
        threshold,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }),
    );
  }

  /** An alarm that notifies the topic (and again on recovery) when `metric` drops to zero or stops reporting. */
  alarmWhenStopped(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    return this.notifying(
      new cloudwatch.Alarm(this, id, {
        metric,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        alarmDescription: description,
      }),
    );
  }

  private notifying(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    const notify = new actions.SnsAction(this.topic);
    alarm.addAlarmAction(notify);
    alarm.addOkAction(notify);
    this.describeAlarms?.addResources(alarm.alarmArn);
    return alarm;
  }
}

/** Periods used for the bridge's alarms. */
export const ALARM_PERIODS = {
  /** Queue depth is sampled each minute; one message is enough to page. */
  queueDepth: Duration.minutes(1),
  /** Function errors and API 5XX are summed over five minutes. */
  errors: Duration.minutes(5),
  /** Refused webhook calls: long enough that a vendor's retries pile up, a stray probe does not. */
  rejectedCalls: Duration.minutes(15),
} as const;

/** More refused webhook calls than this in `rejectedCalls` raise the alarm. */
export const REJECTED_CALLS_THRESHOLD = 10;
