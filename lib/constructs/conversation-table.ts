import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

/** GSI names; the key design is in docs/data-model.md. */
export const TABLE_INDEXES = {
  /** Requests by customer: gsi1pk `CUSTOMER#<telegramUserId>`, gsi1sk `REQUEST#<createdAt>#<id>`. */
  byCustomer: "gsi1",
  /** Sparse; SLA items due by time bucket: gsi2pk `SLADUE#<bucket>`, gsi2sk `<dueAt>#<ticketId>`. */
  slaDue: "gsi2",
} as const;

/** Epoch-seconds attribute DynamoDB TTL deletes on. */
export const TTL_ATTRIBUTE = "expiresAt";

/**
 * The single table behind sessions, requests, ticket links, SLA items and de-duplication
 * records. Retained on stack deletion and protected from deletion: it holds the only
 * mapping between Telegram chats and Zendesk tickets.
 */
export class ConversationTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: { readonly encryptionKey: kms.IKey }) {
    super(scope, id);
    const key = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

    this.table = new dynamodb.Table(this, "Table", {
      partitionKey: key("pk"),
      sortKey: key("sk"),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_INDEXES.byCustomer,
      partitionKey: key("gsi1pk"),
      sortKey: key("gsi1sk"),
      projectionType: dynamodb.ProjectionType.ALL,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_INDEXES.slaDue,
      partitionKey: key("gsi2pk"),
      sortKey: key("gsi2sk"),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
}
