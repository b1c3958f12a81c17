import { afterEach, describe, expect, it, vi } from "vitest";
import { MADE_UP_FUNCTION_ENV } from "../../scripts/support/made-up-function-env.js";
import { lazy } from "../../src/lazy.js";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

const handlers = {
  intake: () => import("../../functions/intake/handler.js"),
  routing: () => import("../../functions/routing/handler.js"),
  "sla-scanner": () => import("../../functions/sla-scanner/handler.js"),
};

describe("Lambda handlers", () => {
  it.each(Object.keys(handlers) as Array<keyof typeof handlers>)(
    "%s wires up at import from ARNs alone, calling nothing",
    async (name) => {
      for (const [key, value] of Object.entries(MADE_UP_FUNCTION_ENV)) vi.stubEnv(key, value);
      const module = await handlers[name]();
      expect(typeof module.handler).toBe("function");
    },
  );

  it("refuses to start without its settings, naming them", async () => {
    vi.stubEnv("BRIDGE_RUNTIME", "aws");
    vi.stubEnv("TABLE_NAME", "");
    await expect(handlers.intake()).rejects.toThrow(/TABLE_NAME/);
  });
});

describe("lazy", () => {
  it("builds once and keeps the value", async () => {
    let builds = 0;
    const value = lazy(async () => ++builds);
    expect(await value()).toBe(1);
    expect(await value()).toBe(1);
  });

  it("forgets a failed build so the next call tries again", async () => {
    let builds = 0;
    const value = lazy(async () => {
      builds++;
      if (builds === 1) throw new Error("secret not readable yet");
      return builds;
    });
    await expect(value()).rejects.toThrow("secret not readable yet");
    expect(await value()).toBe(2);
  });
});
