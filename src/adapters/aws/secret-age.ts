import { ListSecretVersionIdsCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { STAGE } from "./rotation/secret-versions.js";

const DAY_MS = 86_400_000;

/**
 * Days since the secret's AWSCURRENT value was put, from `ListSecretVersionIds` (version dates only: the
 * check needs no permission to read the value itself).
 */
export async function currentValueAgeDays(
  client: SecretsManagerClient,
  secretId: string,
  now: Date,
): Promise<number> {
  const out = await client.send(new ListSecretVersionIdsCommand({ SecretId: secretId }));
  const current = out.Versions?.find((v) => v.VersionStages?.includes(STAGE.current));
  if (!current?.CreatedDate) throw new Error(`secret ${secretId} has no AWSCURRENT version`);
  return (now.getTime() - current.CreatedDate.getTime()) / DAY_MS;
}
