import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqsError } from "../../src/adapters/aws/sqs-json-client.js";
import { replayDeadLetters } from "../../src/domain/operations/replay-dead-letters.js";
import { awsReplayTargets } from "../../src/wiring/aws-dlq-replay.js";
import {
  busEnvelope,
  eventBridgeErrorAttributes,
  intakeEvent,
  lambdaFailureRecord,
} from "../support/dead-letter-fixtures.js";
import { type FakeAws, startFakeAws } from "../support/fake-aws.js";

let aws: FakeAws;
beforeEach(async () => {
  aws = await startFakeAws();
});
afterEach(() => aws.close());

const targets = (queueUrl = aws.queueUrl) =>
  awsReplayTargets({
    queueUrl,
    busName: "bridge-bus",
    region: "eu-west-1",
    endpoint: aws.url,
    credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }),
  });

const replay = (dryRun = false, queueUrl?: string) => {
  const { queue, bus } = targets(queueUrl);
  return replayDeadLetters(queue, bus, { dryRun, max: 100 });
};

describe("dlq:replay against SQS and EventBridge (fakes on loopback)", () => {
  it("re-puts both kinds of dead letter on the bus and deletes them", async () => {
    aws.enqueue(JSON.stringify(lambdaFailureRecord(intakeEvent(1))));
    aws.enqueue(JSON.stringify(busEnvelope(intakeEvent(2))), eventBridgeErrorAttributes);
    const report = await replay();
    expect(report.count.replayed).toBe(2);
    expect(aws.messages()).toEqual([]);
    expect(aws.putEvents.map((e) => [e.EventBusName, e.Source, e.DetailType])).toEqual([
      ["bridge-bus", "telegram-zendesk-bridge.intake", "IntakeSubmitted"],
      ["bridge-bus", "telegram-zendesk-bridge.intake", "IntakeSubmitted"],
    ]);
    expect(aws.putEvents.map((e) => JSON.parse(e.Detail))).toEqual([intakeEvent(1), intakeEvent(2)]);
  });

  it("signs its SQS calls with SigV4 for the sqs service", async () => {
    aws.enqueue(JSON.stringify(busEnvelope(intakeEvent(1))));
    await replay(true);
    const receive = aws.calls.find((c) => c.target === "AmazonSQS.ReceiveMessage");
    expect(receive?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/sqs\/aws4_request, SignedHeaders=.*x-amz-target/,
    );
  });

  it("leaves every message visible in the queue on a dry run", async () => {
    aws.enqueue(JSON.stringify(busEnvelope(intakeEvent(1))));
    const report = await replay(true);
    expect(report.count["would replay"]).toBe(1);
    expect(aws.putEvents).toEqual([]);
    expect(aws.messages().map((m) => m.visible)).toEqual([true]);
  });

  it("keeps the message when PutEvents reports the entry failed", async () => {
    aws.enqueue(JSON.stringify(busEnvelope(intakeEvent(1))));
    aws.failPutEvents(1);
    const report = await replay();
    expect(report.outcomes[0]).toMatchObject({ result: "publish failed" });
    expect(report.outcomes[0]?.error).toContain("ThrottlingException");
    expect(aws.messages().map((m) => m.visible)).toEqual([true]);
  });

  it("reports SQS errors by their code", async () => {
    await expect(replay(false, `${aws.url}/123456789012/NoSuchQueue`)).rejects.toThrow(SqsError);
    await expect(replay(false, `${aws.url}/123456789012/NoSuchQueue`)).rejects.toThrow(/QueueDoesNotExist/);
  });
});
