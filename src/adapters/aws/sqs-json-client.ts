import { Hash } from "@smithy/core/serde";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentityProvider } from "@smithy/types";

export interface SqsJsonClientSettings {
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
  /** `https://sqs.<region>.amazonaws.com` by default; tests point it at a local fake. */
  readonly endpoint?: string;
  readonly timeoutMs?: number;
}

/** An error SQS answered, e.g. `QueueDoesNotExist` or `AccessDenied`. */
export class SqsError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(`SQS ${code} (${status}): ${message}`);
    this.name = "SqsError";
  }
}

/**
 * The few SQS actions the bridge's operators need, over the AWS JSON 1.0 protocol SQS serves, signed with
 * the SDK's own SigV4 signer. It stands in for `@aws-sdk/client-sqs`, which the project does not depend on;
 * with that package it would be a handful of commands behind the same DeadLetterQueue port.
 */
export class SqsJsonClient {
  private readonly signer: SignatureV4;
  private readonly endpoint: URL;

  constructor(private readonly settings: SqsJsonClientSettings) {
    this.signer = new SignatureV4({
      service: "sqs",
      region: settings.region,
      credentials: settings.credentials,
      sha256: Hash.bind(null, "sha256"),
    });
    this.endpoint = new URL(settings.endpoint ?? `https://sqs.${settings.region}.amazonaws.com`);
  }

  async call<T>(action: string, input: Record<string, unknown>): Promise<T> {
    const body = JSON.stringify(input);
    const signed = await this.signer.sign({
      method: "POST",
      protocol: this.endpoint.protocol,
      hostname: this.endpoint.hostname,
      ...(this.endpoint.port ? { port: Number(this.endpoint.port) } : {}),
      path: "/",
      query: {},
      headers: {
        host: this.endpoint.host,
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `AmazonSQS.${action}`,
      },
      body,
    });
    // fetch sets Host itself, from the same URL the signature covered.
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(new URL("/", this.endpoint), {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(this.settings.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!response.ok) {
      const type = String(json.__type ?? "UnknownError");
      throw new SqsError(
        type.slice(type.lastIndexOf("#") + 1),
        response.status,
        String(json.message ?? json.Message ?? text),
      );
    }
    return json as T;
  }
}
