import { type RotationStrategy, runRotationStep } from "../../src/adapters/aws/rotation/rotate-secret.js";
import { ROTATION_STEPS, type RotationStep } from "../../src/adapters/aws/rotation/rotation-event.js";
import { SecretVersions } from "../../src/adapters/aws/rotation/secret-versions.js";
import type { AuditLogger } from "../../src/adapters/observability/audit.js";
import type { DeliveryLedger } from "../../src/ports/delivery-ledger.js";
import type { FakeSecretsManager } from "./fake-secrets-manager.js";

/** A logger that keeps what it was given, to assert on audit records (and on what they must not hold). */
export class RecordingLogger implements AuditLogger {
  readonly records: Array<Record<string, unknown>> = [];
  info(message: string, ...extra: Record<string, unknown>[]): void {
    this.records.push(Object.assign({ message }, ...extra));
  }
  audits(): Array<Record<string, unknown>> {
    return this.records.filter((r) => r.audit === "secret-rotation");
  }
}

/** Drives one rotation of `secretId` through the runner, the way Secrets Manager calls the function. */
export class Rotation {
  readonly versionId: string;
  readonly logger = new RecordingLogger();

  constructor(
    private readonly sm: FakeSecretsManager,
    private readonly secretId: string,
    private readonly strategy: RotationStrategy,
  ) {
    this.versionId = sm.beginRotation(secretId);
  }

  step(step: RotationStep): Promise<void> {
    return runRotationStep(
      { SecretId: this.secretId, ClientRequestToken: this.versionId, Step: step },
      { secrets: new SecretVersions(this.sm.client()), strategy: this.strategy, logger: this.logger },
    );
  }

  /** Every step in order; `between` runs before the first step and after each one. */
  async all(between: (after: RotationStep | "start") => Promise<void> = async () => {}): Promise<void> {
    await between("start");
    for (const step of ROTATION_STEPS) {
      await this.step(step);
      await between(step);
    }
  }
}

/** A ledger that lets every delivery through once; the rotation tests are about authentication only. */
export const passThroughLedger: DeliveryLedger = {
  claim: async () => "claimed",
  complete: async () => {},
  release: async () => {},
};
