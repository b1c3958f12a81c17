import type { Api } from "grammy";
import type { BotCommand, LanguageCode } from "grammy/types";
import { LOCALES } from "../../domain/events.js";
import { translator } from "./i18n.js";

/** The command menu, in the order Telegram shows it. */
export const COMMANDS = ["start", "new", "status", "cancel", "help", "language", "forget"] as const;

/** Updates the bot handles; webhook registration asks Telegram for these only. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

/** One command menu: the default (English) one has no language code, the others name theirs. */
export interface CommandMenu {
  readonly languageCode?: LanguageCode;
  readonly commands: readonly BotCommand[];
}

/** The menus the bot should show, one per locale. */
export function commandMenus(): CommandMenu[] {
  return LOCALES.map((locale) => {
    const t = translator(locale);
    const commands = COMMANDS.map((command) => ({ command, description: t(`command-${command}`) }));
    return locale === "en" ? { commands } : { languageCode: locale as LanguageCode, commands };
  });
}

export const menuOptions = (menu: CommandMenu) =>
  menu.languageCode === undefined ? {} : { language_code: menu.languageCode };

/** Registers the command menu, English by default and per language for the others. */
export async function registerCommands(api: Api): Promise<void> {
  for (const menu of commandMenus()) await api.setMyCommands([...menu.commands], menuOptions(menu));
}
