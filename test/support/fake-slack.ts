import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSlack {
  url: string;
  messages: Array<{ text: string; blocks?: unknown[] }>;
  /** The next `times` posts fail as Slack does when it cannot take one (500 "rollup_error"). */
  failNext(times?: number): void;
  close(): Promise<void>;
}

/** Slack's limits on the blocks the bridge sends (Block Kit reference: header and section text objects). */
const HEADER_TEXT_LIMIT = 150;
const SECTION_TEXT_LIMIT = 3_000;

interface Block {
  type?: string;
  text?: { text?: string };
}

/** Whether Slack would refuse the blocks, as it does with 400 "invalid_blocks". */
const invalidBlocks = (blocks: unknown): boolean =>
  Array.isArray(blocks) &&
  (blocks as Block[]).some(
    (block) =>
      (block.type === "header" && (block.text?.text?.length ?? 0) > HEADER_TEXT_LIMIT) ||
      (block.type === "section" && (block.text?.text?.length ?? 0) > SECTION_TEXT_LIMIT),
  );

/**
 * A Slack incoming webhook on loopback: answers 200 "ok" as Slack does and keeps what it got, and refuses
 * with 400 "invalid_blocks" a header or section text over Slack's limits.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const messages: FakeSlack["messages"] = [];
  let failing = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (failing > 0) {
        failing--;
        res.writeHead(500, { "content-type": "text/plain" }).end("rollup_error");
        return;
      }
      try {
        const message = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (invalidBlocks(message.blocks)) {
          res.writeHead(400, { "content-type": "text/plain" }).end("invalid_blocks");
          return;
        }
        messages.push(message);
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      } catch {
        res.writeHead(400, { "content-type": "text/plain" }).end("invalid_payload");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXX`,
    messages,
    failNext: (times = 1) => {
      failing = times;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
