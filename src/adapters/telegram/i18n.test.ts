import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES, PRIORITIES } from "../../domain/events.js";
import { CATEGORIES } from "../../domain/routing/categories.js";
import { parseHtml } from "../../local/emulators/telegram/index.js";
import { COMMANDS } from "./bot-commands.js";
import { localeSource, messageKeys, pickLocale, translator } from "./i18n.js";

const here = import.meta.dirname;

/** Keys the code builds from a value (`category-${id}` and the like), listed out. */
const builtKeys = [
  ...CATEGORIES.map((c) => `category-${c}`),
  ...PRIORITIES.map((p) => `priority-${p}`),
  ...["submitted", "ticket-created", "awaiting-customer", "solved", "closed"].map((s) => `status-${s}`),
  ...COMMANDS.map((c) => `command-${c}`),
  ...["invalid-order-id", "order-id-required", "description-empty", "description-too-long"].map(
    (r) => `error-${r}`,
  ),
  ...["too-many-attachments", "not-expected-now"].map((r) => `error-${r}`),
  ...["category", "order-id", "priority", "description"].map((f) => `button-edit-${f}`),
  "welcome",
  "help",
];

/** Every string literal in the bot's source that looks like a text key. */
function literalKeysInSource(): string[] {
  const namespaces = new Set(messageKeys("en").map((key) => key.split("-")[0]));
  const files = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const keys = new Set<string>();
  for (const file of files) {
    for (const [, key] of readFileSync(join(here, file), "utf8").matchAll(/"([a-z]+(?:-[a-z]+)+)"/g)) {
      if (key && namespaces.has(key.split("-")[0])) keys.add(key);
    }
  }
  return [...keys];
}

/** Plausible values for the variables texts use; any variable not listed here gets a number. */
const sampleValues: Record<string, string | number> = {
  example: "A-10023",
  name: "Ann",
  category: "Shipping",
  status: "open",
  date: "2026-01-31",
  summary: "The parcel never arrived",
};

function sampleArgs(): Record<string, string | number> {
  const names = LOCALES.map(localeSource).flatMap((source) =>
    [...source.matchAll(/\{\s*\$([A-Za-z_][\w-]*)/g)].map((m) => m[1]),
  );
  return Object.fromEntries(names.map((name) => [name, sampleValues[name as string] ?? 3]));
}

describe("locales", () => {
  it("have exactly the same keys in English and Russian", () => {
    expect([...messageKeys("ru")].sort()).toEqual([...messageKeys("en")].sort());
  });

  it("define no key twice", () => {
    const keys = messageKeys("en");
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("find text keys in the bot's source", () => {
    expect(literalKeysInSource()).toEqual(expect.arrayContaining(["form-title", "error-busy"]));
  });

  it.each(LOCALES)("define every key the code uses in %s", (locale) => {
    const defined = new Set(messageKeys(locale));
    const missing = [...literalKeysInSource(), ...builtKeys].filter((key) => !defined.has(key));
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)("format every %s text as valid Telegram HTML", (locale) => {
    const t = translator(locale);
    for (const key of messageKeys(locale)) {
      const text = t(key, sampleArgs());
      expect(text.trim(), key).not.toBe("");
      expect(text, key).not.toMatch(/\{\s*\$|\u2068|\u2069/);
      expect(() => parseHtml(text), key).not.toThrow();
    }
  });
});

describe("callback answers", () => {
  // Shown as an alert or toast, which Telegram caps at 200 characters; tags are stripped before sending.
  const answered = [
    "form-expired",
    "error-busy",
    "language-set",
    "button-expired",
    "rating-thanks",
    "forget-kept",
  ].concat(["order-id-required", "description-empty", "not-expected-now"].map((r) => `error-${r}`));

  it.each(LOCALES)("fit Telegram's 200 characters in %s", (locale) => {
    const t = translator(locale);
    for (const key of answered) {
      expect(t(key, sampleArgs()).replace(/<[^>]+>/g, "").length, key).toBeLessThanOrEqual(200);
    }
  });
});

describe("translator", () => {
  it("throws for a key that does not exist", () => {
    expect(() => translator("en")("no-such-key")).toThrow(/missing text "no-such-key" in locale en/);
  });

  it("throws when a text's variable is not given", () => {
    expect(() => translator("en")("error-invalid-order-id")).toThrow();
  });

  it.each([
    [1, 0, "Received: 1 message. Send more"],
    [3, 2, "Received: 3 messages and 2 attachments."],
  ])("counts %i messages and %i attachments in English", (messages, attachments, expected) => {
    expect(translator("en")("form-description-progress", { messages, attachments })).toContain(expected);
  });

  it.each([
    [1, 1, "1 сообщение и 1 вложение"],
    [3, 2, "3 сообщения и 2 вложения"],
    [5, 0, "5 сообщений."],
    [21, 11, "21 сообщение и 11 вложений"],
  ])("uses Russian plural forms for %i messages and %i attachments", (messages, attachments, expected) => {
    expect(translator("ru")("form-description-progress", { messages, attachments })).toContain(expected);
  });
});

describe("pickLocale", () => {
  it("prefers the customer's explicit choice", () => {
    expect(pickLocale("en", "ru")).toBe("en");
  });

  it.each([
    ["ru", "ru"],
    ["ru-RU", "ru"],
    ["RU", "ru"],
    ["en-GB", "en"],
    ["de", "en"],
    [undefined, "en"],
  ])("maps Telegram's language_code %s to %s", (code, locale) => {
    expect(pickLocale(undefined, code)).toBe(locale);
  });
});
