import type { Api } from "grammy";
import { LOCALES } from "../../domain/events.js";
import { translator } from "./i18n.js";

/** The command menu, in the order Telegram shows it. */
export const COMMANDS = ["start", "new", "status", "cancel", "help", "language", "forget"] as const;

/** Updates the bot handles; webhook registration asks Telegram for these only. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

/** Registers the command menu, English by default and per language for the others. */
export async function registerCommands(api: Api): Promise<void> {
  for (const locale of LOCALES) {
    const t = translator(locale);
    const commands = COMMANDS.map((command) => ({ command, description: t(`command-${command}`) }));
    await api.setMyCommands(commands, locale === "en" ? {} : { language_code: locale });
  }
}
