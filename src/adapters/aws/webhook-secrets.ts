import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  type SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { SECRET_MAX_AGE_SECONDS } from "../../config/constants.js";
import type { Clock } from "../../ports/clock.js";
import { rememberSecret } from "../observability/redact.js";
import { STAGE } from "./rotation/secret-versions.js";

interface StagedValue {
  value: string;
  createdAt: number;
}

interface Stages {
  current: StagedValue;
  pending?: StagedValue;
  previous?: StagedValue;
}

export interface WebhookSecretsOptions {
  client: SecretsManagerClient;
  secretId: string;
  clock: Clock;
  /** How long the previous value stays accepted after the current one was made. */
  graceSeconds: number;
  /** As for `secretValue`: a rotation reaches warm containers within this time even without a mismatch. */
  maxAgeSeconds?: number;
  /** A mismatch re-reads at most this often, so junk requests cannot turn into a flood of reads. */
  minRefreshSeconds?: number;
}

/**
 * The values a webhook endpoint accepts during rotation: AWSCURRENT, AWSPENDING while a rotation runs, and
 * AWSPREVIOUS until `graceSeconds` after AWSCURRENT was created. Read with their own cache rather than
 * Powertools `getSecret`, whose cache key ignores the version stage. A request that matches none of the cached
 * values gets one re-read past the cache (`refreshed`), so the switch to a pending value is seen at once.
 */
export class WebhookSecrets {
  private stages?: Promise<Stages>;
  private readAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WebhookSecretsOptions) {}

  /** The accepted values, from the cache while it is fresh. */
  async accepted(): Promise<readonly string[]> {
    const maxAgeMs = (this.options.maxAgeSeconds ?? SECRET_MAX_AGE_SECONDS) * 1000;
    if (this.stages === undefined || this.now() - this.readAt >= maxAgeMs) this.read();
    return this.acceptedOf(await (this.stages as Promise<Stages>));
  }

  /** The accepted values re-read past the cache, unless they were read moments ago. */
  async refreshed(): Promise<readonly string[]> {
    const minMs = (this.options.minRefreshSeconds ?? 1) * 1000;
    if (this.stages === undefined || this.now() - this.readAt >= minMs) this.read();
    return this.acceptedOf(await (this.stages as Promise<Stages>));
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  private read(): void {
    this.readAt = this.now();
    const reading = (async () => {
      const [current, pending, previous] = await Promise.all([
        this.stage(STAGE.current),
        this.stage(STAGE.pending),
        this.stage(STAGE.previous),
      ]);
      if (!current) throw new Error(`secret ${this.options.secretId} has no AWSCURRENT value`);
      return { current, ...(pending ? { pending } : {}), ...(previous ? { previous } : {}) };
    })();
    // A failed read is not cached: the next request tries again.
    reading.catch(() => {
      if (this.stages === reading) this.stages = undefined;
    });
    this.stages = reading;
  }

  private acceptedOf(stages: Stages): string[] {
    const inGrace = this.now() - stages.current.createdAt < this.options.graceSeconds * 1000;
    const values = [stages.current, stages.pending, inGrace ? stages.previous : undefined]
      .filter((staged): staged is StagedValue => staged !== undefined)
      .map((staged) => staged.value);
    return [...new Set(values)];
  }

  private async stage(stage: string): Promise<StagedValue | undefined> {
    try {
      const out = await this.options.client.send(
        new GetSecretValueCommand({ SecretId: this.options.secretId, VersionStage: stage }),
      );
      if (!out.SecretString) return undefined;
      rememberSecret(out.SecretString);
      return { value: out.SecretString, createdAt: out.CreatedDate?.getTime() ?? 0 };
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  }
}
