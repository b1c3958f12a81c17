import type { DeadLetterMessage, DeadLetterQueue } from "../../ports/dead-letter-queue.js";
import { readDeadLetterMessage, type SqsMessage } from "./dead-letter-message.js";
import type { SqsJsonClient } from "./sqs-json-client.js";

/** Long enough to publish a batch again; a crashed run's messages reappear after it. */
const VISIBILITY_TIMEOUT_SECONDS = 120;
/** Long polling: a short poll samples only some SQS servers and can come back empty from a full queue. */
const WAIT_TIME_SECONDS = 2;

/** The routing dead-letter queue on SQS. */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  private readonly receipts = new Map<string, string>();

  constructor(
    private readonly sqs: SqsJsonClient,
    private readonly queueUrl: string,
  ) {}

  async receive(max: number): Promise<readonly DeadLetterMessage[]> {
    const { Messages = [] } = await this.sqs.call<{
      Messages?: Array<SqsMessage & { ReceiptHandle: string }>;
    }>("ReceiveMessage", {
      QueueUrl: this.queueUrl,
      MaxNumberOfMessages: Math.min(10, Math.max(1, max)),
      VisibilityTimeout: VISIBILITY_TIMEOUT_SECONDS,
      WaitTimeSeconds: WAIT_TIME_SECONDS,
      MessageAttributeNames: ["All"],
    });
    return Messages.map((message) => {
      this.receipts.set(message.MessageId, message.ReceiptHandle);
      return readDeadLetterMessage(message);
    });
  }

  async remove(message: DeadLetterMessage): Promise<void> {
    await this.sqs.call("DeleteMessage", {
      QueueUrl: this.queueUrl,
      ReceiptHandle: this.receiptOf(message),
    });
    this.receipts.delete(message.messageId);
  }

  async release(messages: readonly DeadLetterMessage[]): Promise<void> {
    for (const message of messages) {
      await this.sqs.call("ChangeMessageVisibility", {
        QueueUrl: this.queueUrl,
        ReceiptHandle: this.receiptOf(message),
        VisibilityTimeout: 0,
      });
    }
  }

  private receiptOf(message: DeadLetterMessage): string {
    const receipt = this.receipts.get(message.messageId);
    if (receipt === undefined) throw new Error(`message ${message.messageId} was not received here`);
    return receipt;
  }
}
