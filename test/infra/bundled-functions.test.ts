import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { networkAttemptsOnImport } from "../../bench/support/cold-init.js";
import { functionEntry } from "../../lib/constructs/bridge-function.js";
import { esbuildEquivalent } from "../../lib/constructs/bundling-equivalent.js";
import { temporaryDirectory } from "../support/temp-dir.js";

/** Settings only some functions read, on top of the made-up ones every function gets. */
const OWN_SETTINGS = {
  intake: {},
  routing: {},
  "sla-scanner": {},
  "secret-rotation": { ROTATION_TARGET: "telegram-webhook-secret" },
  "secret-age": { WATCHED_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:bot-token" },
} as const;

const dir = temporaryDirectory("bundled-functions");

// The bundle-only stand-ins (lib/bundling/) replace modules every function bundles; a bad one fails here.
describe("every function bundled with the deployed options", () => {
  it.each(Object.keys(OWN_SETTINGS) as Array<keyof typeof OWN_SETTINGS>)(
    "%s wires up at import from made-up settings, calling nothing",
    async (name) => {
      const outfile = join(dir(), name, "index.mjs");
      await build({ ...esbuildEquivalent(), entryPoints: [functionEntry(name)], outfile });
      expect(networkAttemptsOnImport(outfile, { env: OWN_SETTINGS[name] })).toEqual([]);
    },
  );
});
