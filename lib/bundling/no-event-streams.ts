/**
 * Stands in for `@smithy/core/event-streams`, which the SDK's HTTP protocol imports on first use of an
 * event-stream operation. DynamoDB, EventBridge, Secrets Manager and SNS have none, so the bundles leave
 * out its codec (19 KiB); a call that needed it would fail with this message rather than misbehave.
 */
const unsupported = (): never => {
  throw new Error(
    "event streams are not bundled into the bridge's functions (lib/bundling/no-event-streams.ts)",
  );
};

export const eventStreamSerdeProvider = unsupported;

export class EventStreamSerde {
  constructor() {
    unsupported();
  }
}
