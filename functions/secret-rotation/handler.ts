import { rotationEventSchema } from "../../src/adapters/aws/rotation/rotation-event.js";
import { withTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { createSecretRotationApp } from "../../src/wiring/aws-secret-rotation.js";

const app = createSecretRotationApp();

/**
 * Secrets Manager's rotation function (one deployed per rotated secret, `ROTATION_TARGET` says which). A
 * thrown error fails the step; Secrets Manager retries it and leaves AWSCURRENT as it was.
 */
export const handler = (event: unknown): Promise<void> =>
  withTelemetry(app.telemetry, "secret-rotation", () => app.rotate(rotationEventSchema.parse(event)));
