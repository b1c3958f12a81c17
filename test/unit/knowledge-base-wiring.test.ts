import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { count, createTelemetry } from "../../src/adapters/observability/lambda-telemetry.js";
import { knowledgeBaseDeps } from "../../src/wiring/knowledge-base.js";

/** The knowledge base deps with Powertools counting, as aws-intake.ts passes them. */
function intakeKnowledgeBase(zendeskUrl: string) {
  const telemetry = createTelemetry("intake");
  const addMetric = vi.spyOn(telemetry.metrics, "addMetric");
  const deps = knowledgeBaseDeps({
    zendeskUrl,
    logger: telemetry.logger,
    count: (metric) => count(telemetry, metric),
  });
  vi.spyOn(telemetry.logger, "info").mockImplementation(() => undefined);
  vi.spyOn(telemetry.logger, "warn").mockImplementation(() => undefined);
  return { deps, metrics: () => addMetric.mock.calls.map(([name, unit, value]) => [name, unit, value]) };
}

describe("knowledge base wiring of the intake function", () => {
  it("counts a deflection as a Powertools metric", () => {
    const { deps, metrics } = intakeKnowledgeBase("http://127.0.0.1:9");
    deps.onDeflected?.({ requestId: "request000000001", locale: "en", articles: [] });
    expect(metrics()).toEqual([["HelpCenterDeflections", "Count", 1]]);
  });

  it("counts a failed search and finds nothing", async () => {
    const server = createServer((_, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const { deps, metrics } = intakeKnowledgeBase(`http://127.0.0.1:${port}`);
      expect(await deps.findArticles?.("where is my parcel", "en")).toEqual([]);
      expect(metrics()).toEqual([["HelpCenterSearchFailures", "Count", 1]]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
