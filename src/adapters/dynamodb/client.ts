import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * A document client that drops `undefined` attributes (optional fields of domain objects) instead of
 * failing. On AWS the default config applies; locally the endpoint points at embedded dynalite.
 */
export function createDocumentClient(
  config: DynamoDBClientConfig = {},
  instrument: (client: DynamoDBClient) => DynamoDBClient = (client) => client,
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(instrument(new DynamoDBClient(config)), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** Settings for a client talking to a local DynamoDB (dynalite) that accepts any credentials. */
export function localDynamoConfig(endpoint: string): DynamoDBClientConfig {
  return {
    endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 3,
  };
}

/** Runs a conditional write: its result when DynamoDB applied it, undefined when its condition did not hold. */
export async function resultIfConditionHolds<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Runs a conditional write: true when DynamoDB applied it, false when its condition did not hold. */
export async function appliedIfConditionHolds(write: () => Promise<unknown>): Promise<boolean> {
  const applied = await resultIfConditionHolds(async () => {
    await write();
    return true;
  });
  return applied ?? false;
}
