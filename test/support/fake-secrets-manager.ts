import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

/**
 * A Secrets Manager stand-in on 127.0.0.1 that speaks the service's JSON 1.1 protocol, so tests drive the real
 * `@aws-sdk/client-secrets-manager`. It keeps versions and staging labels as the API reference describes:
 * - a staging label sits on at most one version; attaching it elsewhere takes it off the old one;
 * - moving AWSCURRENT puts AWSPREVIOUS on the version it left;
 * - a label already on a version moves only when `RemoveFromVersionId` names that version;
 * - AWSCURRENT can be moved but never just removed;
 * - `PutSecretValue` again with the same version id and value changes nothing; another value is refused.
 * `beginRotation` stands for `RotateSecret`: a new version id labelled AWSPENDING, without a value yet.
 */
interface Version {
  id: string;
  value?: string;
  stages: Set<string>;
  created: Date;
}

interface Secret {
  arn: string;
  name: string;
  versions: Map<string, Version>;
  rotationEnabled: boolean;
  lastChanged: Date;
  lastRotated?: Date;
}

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const REGION = "eu-west-1";
const ACCOUNT = "123456789012";
const epochSeconds = (date: Date): number => date.getTime() / 1000;

export interface FakeSecretsManager {
  readonly endpoint: string;
  /** A client of the real SDK pointed at the fake. */
  client(): SecretsManagerClient;
  /** Creates a secret whose first version is AWSCURRENT; returns its ARN. */
  createSecret(name: string, value: string): string;
  /** What `RotateSecret` does before invoking the rotation function: returns the new version id. */
  beginRotation(secretId: string): string;
  valueAt(secretId: string, stage: string): string | undefined;
  /** Every operation received, in order (`GetSecretValue`, ...). */
  readonly calls: string[];
  close(): Promise<void>;
}

export async function startFakeSecretsManager(
  now: () => Date = () => new Date(),
): Promise<FakeSecretsManager> {
  const secrets = new Map<string, Secret>();
  const calls: string[] = [];

  const find = (id: unknown): Secret => {
    const secret = secrets.get(String(id)) ?? [...secrets.values()].find((s) => s.name === id);
    if (!secret)
      throw new AwsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    return secret;
  };
  const holder = (secret: Secret, stage: string): Version | undefined =>
    [...secret.versions.values()].find((v) => v.stages.has(stage));

  /** Attaches `stage` to `target`, taking it off any other version; AWSCURRENT leaves AWSPREVIOUS behind. */
  const attach = (secret: Secret, stage: string, target: Version): void => {
    const from = holder(secret, stage);
    if (from === target) return;
    from?.stages.delete(stage);
    target.stages.add(stage);
    if (stage === "AWSCURRENT" && from) {
      holder(secret, "AWSPREVIOUS")?.stages.delete("AWSPREVIOUS");
      from.stages.add("AWSPREVIOUS");
      secret.lastRotated = now();
    }
    secret.lastChanged = now();
  };

  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    GetSecretValue(input) {
      const secret = find(input.SecretId);
      const stage = input.VersionStage === undefined ? undefined : String(input.VersionStage);
      const byId = input.VersionId === undefined ? undefined : secret.versions.get(String(input.VersionId));
      const version =
        input.VersionId !== undefined
          ? byId && (stage === undefined || byId.stages.has(stage))
            ? byId
            : undefined
          : holder(secret, stage ?? "AWSCURRENT");
      if (!version || version.value === undefined) {
        throw new AwsError(
          "ResourceNotFoundException",
          `Secrets Manager can't find the specified secret value for ${input.VersionId ? `VersionId: ${input.VersionId}` : `staging label: ${stage ?? "AWSCURRENT"}`}`,
        );
      }
      return {
        ARN: secret.arn,
        Name: secret.name,
        VersionId: version.id,
        SecretString: version.value,
        VersionStages: [...version.stages],
        CreatedDate: epochSeconds(version.created),
      };
    },
    PutSecretValue(input) {
      const secret = find(input.SecretId);
      const id = String(input.ClientRequestToken ?? randomUUID());
      const value = String(input.SecretString);
      const stages = (input.VersionStages as string[] | undefined) ?? ["AWSCURRENT"];
      let version = secret.versions.get(id);
      if (version?.value !== undefined && version.value !== value) {
        throw new AwsError(
          "ResourceExistsException",
          "You can't modify an existing version, you can only create a new version.",
        );
      }
      if (!version) {
        version = { id, stages: new Set(), created: now() };
        secret.versions.set(id, version);
      }
      if (version.value === undefined) {
        version.value = value;
        version.created = now();
      }
      for (const stage of stages) attach(secret, stage, version);
      secret.lastChanged = now();
      return { ARN: secret.arn, Name: secret.name, VersionId: id, VersionStages: [...version.stages] };
    },
    UpdateSecretVersionStage(input) {
      const secret = find(input.SecretId);
      const stage = String(input.VersionStage);
      const current = holder(secret, stage);
      const remove = input.RemoveFromVersionId === undefined ? undefined : String(input.RemoveFromVersionId);
      const move = input.MoveToVersionId === undefined ? undefined : String(input.MoveToVersionId);
      if (current && current.id !== move && current.id !== remove) {
        throw new AwsError(
          "InvalidParameterException",
          `The staging label ${stage} is currently attached to version ${current.id}, so you must explicitly reference that version in RemoveFromVersionId.`,
        );
      }
      if (remove !== undefined && current?.id !== remove) {
        throw new AwsError(
          "InvalidParameterException",
          `Version ${remove} does not have staging label ${stage}.`,
        );
      }
      if (move === undefined) {
        if (stage === "AWSCURRENT") {
          throw new AwsError(
            "InvalidParameterException",
            "You can only move staging label AWSCURRENT to a different version.",
          );
        }
        current?.stages.delete(stage);
        secret.lastChanged = now();
      } else {
        const target = secret.versions.get(move);
        if (!target) throw new AwsError("ResourceNotFoundException", `Version ${move} not found.`);
        attach(secret, stage, target);
      }
      return { ARN: secret.arn, Name: secret.name };
    },
    DescribeSecret(input) {
      const secret = find(input.SecretId);
      return {
        ARN: secret.arn,
        Name: secret.name,
        RotationEnabled: secret.rotationEnabled,
        LastChangedDate: epochSeconds(secret.lastChanged),
        ...(secret.lastRotated ? { LastRotatedDate: epochSeconds(secret.lastRotated) } : {}),
        VersionIdsToStages: Object.fromEntries(
          [...secret.versions.values()].filter((v) => v.stages.size > 0).map((v) => [v.id, [...v.stages]]),
        ),
      };
    },
    ListSecretVersionIds(input) {
      const secret = find(input.SecretId);
      return {
        ARN: secret.arn,
        Name: secret.name,
        Versions: [...secret.versions.values()]
          .filter((v) => v.stages.size > 0 || input.IncludeDeprecated === true)
          .map((v) => ({
            VersionId: v.id,
            VersionStages: [...v.stages],
            CreatedDate: epochSeconds(v.created),
          })),
      };
    },
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const operation = String(req.headers["x-amz-target"] ?? "").replace(/^secretsmanager\./, "");
      calls.push(operation);
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
        res.end(JSON.stringify(body));
      };
      try {
        const run = operations[operation];
        if (!run) throw new AwsError("UnknownOperationException", `fake does not implement ${operation}`);
        reply(200, run(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}")));
      } catch (error) {
        const known = error instanceof AwsError;
        reply(known ? 400 : 500, {
          __type: known ? error.type : "InternalServiceError",
          message: (error as Error).message,
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint,
    calls,
    client: () =>
      new SecretsManagerClient({
        endpoint,
        region: REGION,
        credentials: { accessKeyId: "AKIDFAKE", secretAccessKey: "fake" },
        maxAttempts: 1,
      }),
    createSecret(name, value) {
      const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-AbCdEf`;
      const id = randomUUID();
      secrets.set(arn, {
        arn,
        name,
        rotationEnabled: true,
        lastChanged: now(),
        versions: new Map([[id, { id, value, stages: new Set(["AWSCURRENT"]), created: now() }]]),
      });
      return arn;
    },
    beginRotation(secretId) {
      const secret = find(secretId);
      const id = randomUUID();
      const version: Version = { id, stages: new Set(), created: now() };
      secret.versions.set(id, version);
      attach(secret, "AWSPENDING", version);
      return id;
    },
    valueAt(secretId, stage) {
      return holder(find(secretId), stage)?.value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
