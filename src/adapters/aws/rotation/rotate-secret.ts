import { type AuditLogger, audit } from "../../observability/audit.js";
import type { RotationEvent, RotationStep } from "./rotation-event.js";
import { type SecretVersions, STAGE } from "./secret-versions.js";

/**
 * What differs between the rotated credentials. Each method may run more than once for one rotation
 * (Secrets Manager retries a failed step), so each must be safe to repeat.
 */
export interface RotationStrategy {
  /** createSecret: the new value to store as AWSPENDING. `versionId` names this rotation. */
  create(input: { current: string; versionId: string }): Promise<string>;
  /** setSecret: make the other service use (or accept) the pending value. */
  set(input: { pending: string; current: string }): Promise<void>;
  /** testSecret: throw unless the pending value works; AWSCURRENT is then left as it is. */
  test(input: { pending: string }): Promise<void>;
  /** finishSecret, once AWSPENDING became AWSCURRENT: retire the previous value (e.g. delete an old token). */
  retire?(input: { previous: string; current: string }): Promise<void>;
}

export class RotationError extends Error {
  override readonly name = "RotationError";
}

export interface RotationDeps {
  secrets: SecretVersions;
  strategy: RotationStrategy;
  logger: AuditLogger;
}

type Outcome = "done" | "already-done" | "nothing-to-test";

/**
 * One step of Secrets Manager's four-step rotation, following AWS's rotation function template: the version
 * must be labelled AWSPENDING, a step whose effect is already there is not repeated, and every step leaves
 * an audit record with the secret's ARN and the version id, never the value.
 */
export async function runRotationStep(event: RotationEvent, deps: RotationDeps): Promise<void> {
  const { SecretId: secretId, ClientRequestToken: versionId, Step: step } = event;
  const record = (outcome: string, extra: Record<string, unknown> = {}) =>
    audit(deps.logger, "secret-rotation", { step, secretId, versionId, outcome, ...extra });
  try {
    const outcome = await runStep(step, secretId, versionId, deps);
    record(outcome);
  } catch (error) {
    record("failed", { error: error instanceof Error ? error.name : "unknown" });
    throw error;
  }
}

async function runStep(
  step: RotationStep,
  secretId: string,
  versionId: string,
  { secrets, strategy }: RotationDeps,
): Promise<Outcome> {
  const description = await secrets.describe(secretId);
  if (!description.rotationEnabled) throw new RotationError(`rotation is not enabled for ${secretId}`);
  const stages = description.versions[versionId];
  if (!stages) throw new RotationError(`version ${versionId} of ${secretId} has no stage for rotation`);
  if (stages.includes(STAGE.current)) {
    // A retried finishSecret still retires the previous value, in case the first attempt stopped before.
    if (step === "finishSecret") await retirePrevious(secretId, secrets, strategy);
    return "already-done";
  }
  if (!stages.includes(STAGE.pending)) {
    throw new RotationError(`version ${versionId} of ${secretId} is not labelled ${STAGE.pending}`);
  }
  const required = async (stage: string, id?: string): Promise<string> => {
    const value = await secrets.value(secretId, stage, id);
    if (value === undefined) throw new RotationError(`${secretId} has no ${stage} value`);
    return value;
  };

  switch (step) {
    case "createSecret": {
      if ((await secrets.value(secretId, STAGE.pending, versionId)) !== undefined) return "already-done";
      const pending = await strategy.create({ current: await required(STAGE.current), versionId });
      await secrets.putPending(secretId, versionId, pending);
      return "done";
    }
    case "setSecret":
      await strategy.set({
        pending: await required(STAGE.pending, versionId),
        current: await required(STAGE.current),
      });
      return "done";
    case "testSecret": {
      // A schedule that does not rotate at once is checked by Secrets Manager running testSecret alone, on
      // a pending version with no new value (after a deploy, the current value is still a placeholder that
      // no service would accept). A real rotation always reaches this step with a new value.
      const pending = await secrets.value(secretId, STAGE.pending, versionId);
      if (pending === undefined || pending === (await secrets.value(secretId, STAGE.current))) {
        return "nothing-to-test";
      }
      await strategy.test({ pending });
      return "done";
    }
    case "finishSecret": {
      // Never make current a version that holds no value.
      await required(STAGE.pending, versionId);
      const currentVersion = Object.keys(description.versions).find((id) =>
        description.versions[id]?.includes(STAGE.current),
      );
      await secrets.makeCurrent(secretId, versionId, currentVersion);
      await secrets.removeStage(secretId, STAGE.pending, versionId);
      await retirePrevious(secretId, secrets, strategy);
      return "done";
    }
  }
}

async function retirePrevious(secretId: string, secrets: SecretVersions, strategy: RotationStrategy) {
  if (!strategy.retire) return;
  const previous = await secrets.value(secretId, STAGE.previous);
  const current = await secrets.value(secretId, STAGE.current);
  if (previous === undefined || current === undefined) return;
  await strategy.retire({ previous, current });
}
