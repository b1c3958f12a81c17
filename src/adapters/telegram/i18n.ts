import { readFileSync } from "node:fs";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import type { Locale } from "../../domain/events.js";

/**
 * The texts of one language, `locales/<locale>.ftl` beside this module. In a Lambda bundle "this module" is
 * index.mjs, and bundling copies the files to `locales/` beside it (lib/constructs/bridge-function.ts): the
 * texts stay data read on first use instead of code every cold start parses.
 */
export const localeSource = (locale: Locale): string =>
  readFileSync(new URL(`./locales/${locale}.ftl`, import.meta.url), "utf8");

function bundle(locale: Locale): FluentBundle {
  // Placeables are wrapped in Unicode isolation marks by default; Telegram shows them as stray characters.
  const result = new FluentBundle(locale, { useIsolating: false });
  const errors = result.addResource(new FluentResource(localeSource(locale)));
  if (errors.length > 0) throw new Error(`locale ${locale}: ${errors.map(String).join("; ")}`);
  return result;
}

// Read and parsed on first use: a container that only ever talks English never touches the Russian file.
const bundles = new Map<Locale, FluentBundle>();
const bundleFor = (locale: Locale): FluentBundle => {
  let messages = bundles.get(locale);
  if (messages === undefined) {
    messages = bundle(locale);
    bundles.set(locale, messages);
  }
  return messages;
};

export type Translate = (key: string, args?: Record<string, FluentVariable>) => string;

/**
 * Ticket numbers are ids, shown as written: Fluent formats a number argument for the locale ("#12,345",
 * "#12 345"), and a customer replying to that message would then name ticket 12.
 */
const asIds = (args: Record<string, FluentVariable> | undefined) =>
  typeof args?.ticket === "number" ? { ...args, ticket: String(args.ticket) } : args;

/** The text for `key` in `locale`. A missing key is a programming error and throws. */
export function translator(locale: Locale): Translate {
  const messages = bundleFor(locale);
  return (key, args) => {
    const pattern = messages.getMessage(key)?.value;
    if (!pattern) throw new Error(`missing text "${key}" in locale ${locale}`);
    return messages.formatPattern(pattern, asIds(args));
  };
}

export function messageKeys(locale: Locale): string[] {
  return [...new FluentResource(localeSource(locale)).body.map((entry) => entry.id)];
}

/** The customer's language: their explicit choice, else Telegram's `language_code`, else English. */
export function pickLocale(chosen: Locale | undefined, languageCode: string | undefined): Locale {
  if (chosen) return chosen;
  return languageCode?.toLowerCase().split("-")[0] === "ru" ? "ru" : "en";
}
