import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { rememberSecret } from "../../observability/redact.js";

export const STAGE = { current: "AWSCURRENT", pending: "AWSPENDING", previous: "AWSPREVIOUS" } as const;

export interface SecretDescription {
  readonly rotationEnabled: boolean;
  /** Staging labels by version id (`VersionIdsToStages`). */
  readonly versions: Readonly<Record<string, readonly string[]>>;
}

/** The Secrets Manager calls a rotation makes, on one client; values are returned, never logged. */
export class SecretVersions {
  constructor(private readonly client: SecretsManagerClient) {}

  async describe(secretId: string): Promise<SecretDescription> {
    const out = await this.client.send(new DescribeSecretCommand({ SecretId: secretId }));
    return { rotationEnabled: out.RotationEnabled === true, versions: out.VersionIdsToStages ?? {} };
  }

  /** The value at a stage (and version, when given); `undefined` when there is none. */
  async value(secretId: string, stage: string, versionId?: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage, VersionId: versionId }),
      );
      if (out.SecretString !== undefined) rememberSecret(out.SecretString);
      return out.SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }

  /** Stores `value` as version `versionId` labelled AWSPENDING (a repeat with the same value is a no-op). */
  async putPending(secretId: string, versionId: string, value: string): Promise<void> {
    rememberSecret(value);
    await this.client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: versionId,
        SecretString: value,
        VersionStages: [STAGE.pending],
      }),
    );
  }

  /** Moves AWSCURRENT to `versionId` (Secrets Manager puts AWSPREVIOUS on the version it leaves). */
  async makeCurrent(
    secretId: string,
    versionId: string,
    currentVersionId: string | undefined,
  ): Promise<void> {
    await this.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: STAGE.current,
        MoveToVersionId: versionId,
        RemoveFromVersionId: currentVersionId,
      }),
    );
  }

  async removeStage(secretId: string, stage: string, versionId: string): Promise<void> {
    await this.client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: stage,
        RemoveFromVersionId: versionId,
      }),
    );
  }
}
