import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import type { Locale } from "../../domain/events.js";
import en from "./locales/en.js";
import ru from "./locales/ru.js";

const sources: Record<Locale, string> = { en, ru };

function bundle(locale: Locale): FluentBundle {
  // Placeables are wrapped in Unicode isolation marks by default; Telegram shows them as stray characters.
  const result = new FluentBundle(locale, { useIsolating: false });
  const errors = result.addResource(new FluentResource(sources[locale]));
  if (errors.length > 0) throw new Error(`locale ${locale}: ${errors.map(String).join("; ")}`);
  return result;
}

// Parsed on first use: a container that only ever talks English never parses the Russian file (cold start).
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

/** The text for `key` in `locale`. A missing key is a programming error and throws. */
export function translator(locale: Locale): Translate {
  const messages = bundleFor(locale);
  return (key, args) => {
    const pattern = messages.getMessage(key)?.value;
    if (!pattern) throw new Error(`missing text "${key}" in locale ${locale}`);
    return messages.formatPattern(pattern, args);
  };
}

export function messageKeys(locale: Locale): string[] {
  return [...new FluentResource(sources[locale]).body.map((entry) => entry.id)];
}

/** The customer's language: their explicit choice, else Telegram's `language_code`, else English. */
export function pickLocale(chosen: Locale | undefined, languageCode: string | undefined): Locale {
  if (chosen) return chosen;
  return languageCode?.toLowerCase().split("-")[0] === "ru" ? "ru" : "en";
}
