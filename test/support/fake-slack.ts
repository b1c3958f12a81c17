import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSlack {
  url: string;
  messages: Array<{ text: string; blocks?: unknown[] }>;
  close(): Promise<void>;
}

/** A Slack incoming webhook on loopback: answers 200 "ok" as Slack does and keeps what it got. */
export async function startFakeSlack(): Promise<FakeSlack> {
  const messages: FakeSlack["messages"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        messages.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
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
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
