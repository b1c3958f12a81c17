import { describe, expect, it } from "vitest";
import { escapeHtml, truncate } from "./html.js";

describe("escapeHtml", () => {
  it("escapes the three characters Telegram's HTML needs escaped", () => {
    expect(escapeHtml(`<b>"Tom" & 'Jerry'</b>`)).toBe(`&lt;b&gt;"Tom" &amp; 'Jerry'&lt;/b&gt;`);
  });
});

describe("truncate", () => {
  it("leaves text that fits alone", () => {
    expect(truncate("short", 5)).toBe("short");
  });

  it("cuts to the limit, ellipsis included", () => {
    expect(truncate("abcdefgh", 5)).toBe("abcd…");
  });

  it("never splits a surrogate pair", () => {
    expect(truncate("abc😀def", 5)).toBe("abc…");
  });
});
