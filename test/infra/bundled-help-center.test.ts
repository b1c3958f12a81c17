import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "../../src/local/emulators/zendesk/index.js";
import { startTestEmulator } from "../../src/local/emulators/zendesk/test-support.js";
import { bundleScript } from "../support/bundle-script.js";
import { temporaryDirectory } from "../support/temp-dir.js";

const run = promisify(execFile);
const dir = temporaryDirectory("bundle-help-center");
let emulator: ZendeskEmulator;
beforeAll(async () => {
  ({ emulator } = await startTestEmulator());
});
afterAll(() => emulator.close());

describe("the Help Center search bundled with the deployed options", () => {
  // Node's global fetch loads undici on its first call: a customer on a new container would wait for it.
  it("finds articles without loading Node's fetch", async () => {
    const outfile = await bundleScript(
      dir(),
      "search",
      `import { ZendeskHelpCenterSearch } from "./src/adapters/zendesk/help-center-search.ts";
        const search = new ZendeskHelpCenterSearch({
          url: process.env.ZENDESK_URL, locales: { en: "en-us", ru: "ru" }, timeoutMs: 5000,
        });
        const found = await search.search("my parcel tracking says delivered", "en", 2);
        const undici = process.moduleLoadList.some((name) => name.includes("undici"));
        console.log(JSON.stringify({ found, undici }));`,
    );
    const { stdout } = await run(process.execPath, [outfile], {
      env: { PATH: process.env.PATH ?? "", ZENDESK_URL: emulator.url },
    });
    const { found, undici } = JSON.parse(stdout) as { found: { title: string }[]; undici: boolean };
    expect(found[0]?.title).toBe("Where is my order? Tracking your delivery");
    expect(undici).toBe(false);
  });
});
