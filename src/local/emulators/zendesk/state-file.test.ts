import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { temporaryDirectory } from "../../../../test/support/temp-dir.js";
import type { ZendeskEmulator } from "./index.js";
import { api, client, createTicket, startTestEmulator } from "./test-support.js";

const dir = temporaryDirectory("emulator-state");

describe("the emulated account kept in a state file", () => {
  const open: ZendeskEmulator[] = [];
  afterEach(async () => {
    for (const emulator of open.splice(0)) await emulator.close();
  });
  const start = async (stateFile: string) => {
    const { emulator } = await startTestEmulator({ stateFile });
    open.push(emulator);
    return emulator;
  };

  it("comes back after a restart on another port, files and ids included", async () => {
    const stateFile = `${dir()}/restart.json`;
    const first = await start(stateFile);
    const id = await createTicket(first);
    const file = Readable.from([Buffer.from("PNGDATA")]) as unknown as Buffer;
    const upload = (await client(first).attachments.upload(file, {
      filename: "photo.png",
      binary: true,
    })) as {
      upload: { token: string };
    };
    await api(first, "PUT", `/tickets/${id}.json`, {
      ticket: { comment: { body: "photo", public: true, uploads: [upload.upload.token] } },
    });
    const other = await createTicket(first, { comment: { body: `see ${first.url}9/page`, public: true } });
    await first.close();
    open.splice(0);

    const second = await start(stateFile);
    expect(second.url).not.toBe(first.url);
    expect(second.ticket(id)?.subject).toBe("Parcel is late");
    const attachment = second.comments(id)[1]?.attachments[0];
    expect(attachment?.content_url.startsWith(second.url)).toBe(true);
    const download = await fetch(attachment?.content_url ?? "");
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe("PNGDATA");
    expect(await createTicket(second)).toBe(id + 2);
    // Only the emulator's own origin is rewritten, not a longer port that starts the same.
    expect(second.comments(other)[0]?.body).toBe(`see ${first.url}9/page`);
    expect(second.groups().map((g) => g.name)).toEqual(first.groups().map((g) => g.name));
  });

  it("is seeded and written at the first start", async () => {
    const stateFile = `${dir()}/seeded.json`;
    const first = await start(stateFile);
    await first.close();
    open.splice(0);
    const second = await start(stateFile);
    expect(second.users().length).toBeGreaterThan(0);
    expect(second.apiTokens()).toEqual(first.apiTokens());
  });
});
