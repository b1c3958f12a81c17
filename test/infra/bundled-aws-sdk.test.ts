import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functionEntry } from "../../lib/constructs/bridge-function.js";
import { esbuildEquivalent } from "../../lib/constructs/bundling-equivalent.js";
import { bundleScript } from "../support/bundle-script.js";
import { temporaryDirectory } from "../support/temp-dir.js";

const run = promisify(execFile);
const dir = temporaryDirectory("bundle-sdk");
let server: Server;
let endpoint: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  // Stands in for DynamoDB: records the signed request, answers an empty GetItem.
  server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume().on("end", () => {
      response.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("the AWS SDK bundled with the deployed options", () => {
  it("signs with the credentials Lambda puts in the environment", async () => {
    const outfile = await bundleScript(
      dir(),
      "get-item",
      `import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
        const client = new DynamoDBClient({ endpoint: process.env.ENDPOINT, maxAttempts: 1 });
        await client.send(new GetItemCommand({ TableName: "bridge", Key: { pk: { S: "a" } } }));`,
    );
    // Metadata lookups off, so that even a broken alias could not reach beyond 127.0.0.1.
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: dir(),
      AWS_REGION: "eu-west-1",
      AWS_EC2_METADATA_DISABLED: "true",
      ENDPOINT: endpoint,
    };
    await run(process.execPath, [outfile], {
      env: {
        ...env,
        AWS_ACCESS_KEY_ID: "AKIDLAMBDAROLE",
        AWS_SECRET_ACCESS_KEY: "s",
        AWS_SESSION_TOKEN: "t",
      },
    });
    expect(seen.at(-1)?.authorization).toContain("Credential=AKIDLAMBDAROLE/");
    expect(seen.at(-1)?.["x-amz-security-token"]).toBe("t");

    // Without them there is no other source to fall back on (no profile files, no instance metadata).
    await expect(run(process.execPath, [outfile], { env })).rejects.toThrow(
      /Unable to find environment variable credentials/,
    );
  });

  it("sends DynamoDB requests to the regional endpoint with the endpoint cache left out", async () => {
    // No custom endpoint, as on Lambda; a request handler of our own answers, so nothing leaves the process.
    const outfile = await bundleScript(
      dir(),
      "regional-get-item",
      `import { Readable } from "node:stream";
        import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
        const hosts = [];
        const requestHandler = {
          handle: async (request) => {
            hosts.push(request.hostname);
            const body = Readable.from([Buffer.from("{}")]);
            return { response: { statusCode: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body } };
          },
        };
        const client = new DynamoDBClient({ maxAttempts: 1, requestHandler });
        await client.send(new GetItemCommand({ TableName: "bridge", Key: { pk: { S: "a" } } }));
        process.stdout.write(JSON.stringify(hosts));`,
    );
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: dir(),
      AWS_REGION: "eu-west-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_ACCESS_KEY_ID: "AKIDLAMBDAROLE",
      AWS_SECRET_ACCESS_KEY: "s",
    };
    const { stdout } = await run(process.execPath, [outfile], { env });
    expect(JSON.parse(stdout)).toEqual(["dynamodb.eu-west-1.amazonaws.com"]);
    // With discovery asked for, the pinned SDK still sends to the same endpoint: nothing consults the cache.
    const asked = await run(process.execPath, [outfile], {
      env: { ...env, AWS_ENDPOINT_DISCOVERY_ENABLED: "true" },
    });
    expect(JSON.parse(asked.stdout)).toEqual(["dynamodb.eu-west-1.amazonaws.com"]);
  });

  it("leaves the X-Ray SDK, the SDK's unused credential sources and the bundle-only stand-ins' originals out of the intake bundle", async () => {
    const outfile = join(dir(), "intake.mjs");
    const { metafile } = await build({
      ...esbuildEquivalent(),
      entryPoints: [functionEntry("intake")],
      outfile,
      metafile: true,
    });
    const bundled = Object.values(metafile.outputs).flatMap((output) => Object.keys(output.inputs));
    const packages = new Set(bundled.map((path) => path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]));
    expect(packages).toContain("grammy");
    expect(packages).toContain("@aws-sdk/client-dynamodb");
    for (const unwanted of [
      "aws-xray-sdk-core",
      "@aws-lambda-powertools/tracer",
      "@aws-sdk/credential-provider-node",
      "@aws-sdk/credential-provider-ini",
      "@aws-sdk/credential-provider-sso",
      "@aws-sdk/nested-clients",
      "abort-controller",
      "event-target-shim",
      "debug",
      "@aws-sdk/endpoint-cache",
      "mnemonist",
    ]) {
      expect(packages).not.toContain(unwanted);
    }
    expect(bundled.filter((path) => path.includes("submodules/event-streams/"))).toEqual([]);
    // On Node 24 an ES import of `http` loads undici, and one of `process` reads all its getters.
    const code = await readFile(outfile, "utf8");
    expect(code.match(/\bfrom\s*"(node:)?(http|process)"/g)).toBeNull();
    expect(code.match(/\bimport\s*"(node:)?(http|process)"/g)).toBeNull();
  });
});
