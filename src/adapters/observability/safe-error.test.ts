import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";
import { REDACTED, redactSecrets, rememberSecret } from "./redact.js";
import { safeError } from "./safe-error.js";

const TOKEN = "7012345678:XXF-planted_token_0123456789abcdefghij";

describe("safeError", () => {
  it("redacts a bot token quoted in a failed fetch's URL, in the error and its causes", () => {
    const fetchError = new TypeError(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`);
    const error = new HttpError("Network request for 'sendMessage' failed!", fetchError);
    const safe = JSON.stringify(safeError(error));
    expect(safe).not.toContain(TOKEN);
    expect(safe).toContain(`/bot${REDACTED}/sendMessage`);
  });

  it("keeps where an error was thrown: the first frames of its stack, without the message", () => {
    const thrown = (function deeplyNested(depth: number): Error {
      return depth === 0 ? new Error(`failed for /bot${TOKEN}/getMe`) : deeplyNested(depth - 1);
    })(20);
    const { stack = [] } = safeError(thrown);
    expect(stack.length).toBe(8);
    expect(stack.every((frame) => frame.startsWith("at "))).toBe(true);
    expect(stack[0]).toContain("safe-error.test.ts");
    expect(JSON.stringify(stack)).not.toContain(TOKEN);
  });

  it("keeps method and code of a refused call but not its payload", () => {
    const refused = new GrammyError(
      "Call to 'sendMessage' failed!",
      { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
      "sendMessage",
      { chat_id: 1, text: "my card number is 4111" },
    );
    const safe = safeError(refused);
    expect(safe).toEqual({
      name: "GrammyError",
      message: "Forbidden: bot was blocked by the user",
      method: "sendMessage",
      code: 403,
    });
  });
});

describe("createLogger", () => {
  it("redacts bot tokens in any string of a log line", () => {
    const lines: string[] = [];
    const logger = createLogger("test");
    Object.assign(logger, { console: { info: (line: string) => lines.push(line) } });
    logger.info(`fetch failed for /file/bot${TOKEN}/photo.jpg`, { url: `https://x/bot${TOKEN}/getMe` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).toContain(REDACTED);
  });
});

describe("redactSecrets", () => {
  it("masks a remembered secret of any shape wherever it appears", () => {
    rememberSecret("zendesk-signing-secret-planted");
    expect(redactSecrets("bad signature for zendesk-signing-secret-planted!")).toBe(
      `bad signature for ${REDACTED}!`,
    );
  });

  it("masks a bot token of any shape inside a Bot API URL", () => {
    expect(redactSecrets("GET http://127.0.0.1:1/file/bot123456:short-token/photos/1.jpg failed")).toBe(
      `GET http://127.0.0.1:1/file/bot${REDACTED}/photos/1.jpg failed`,
    );
  });
});

describe("rememberSecret", () => {
  it("masks each field of a JSON secret, not just the whole string", () => {
    rememberSecret(JSON.stringify({ token: "zendesk-token-abc123xyz", id: 77 }));
    expect(redactSecrets("401 for zendesk-token-abc123xyz")).toBe(`401 for ${REDACTED}`);
  });
});
