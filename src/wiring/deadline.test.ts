import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeadlinePassed, withinDeadline } from "./deadline.js";

describe("withinDeadline", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives the work's result when it comes in time, and leaves no timer behind", async () => {
    await expect(withinDeadline(Promise.resolve("names"), 5_000)).resolves.toBe("names");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("passes the work's own failure through", async () => {
    await expect(withinDeadline(Promise.reject(new Error("503")), 5_000)).rejects.toThrow("503");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("gives up once the deadline passes, and not before", async () => {
    let outcome: unknown;
    const result = withinDeadline(new Promise<never>(() => undefined), 5_000).catch((error: unknown) => {
      outcome = error;
    });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await result;
    expect(outcome).toBeInstanceOf(DeadlinePassed);
  });
});
