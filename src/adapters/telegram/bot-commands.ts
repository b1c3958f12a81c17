import type { Api } from "grammy";
import type { BotCommand, BotCommandScope, LanguageCode, Message, MessageEntity } from "grammy/types";
import { LOCALES } from "../../domain/events.js";
import { translator } from "./i18n.js";

/** The command a message starts with ("/status@bot"), as Telegram marks it; undefined for other text. */
export function leadingCommand(message: Message | undefined): MessageEntity | undefined {
  const first = message?.entities?.[0];
  return first?.type === "bot_command" && first.offset === 0 ? first : undefined;
}

/** The command menu, in the order Telegram shows it. */
export const COMMANDS = ["start", "new", "status", "cancel", "help", "language", "forget"] as const;

/** A group's menu: the bot takes requests in private only, and these two say how to get there. */
export const GROUP_COMMANDS = ["new", "help"] as const;

/** Updates the bot handles; webhook registration asks Telegram for these only. */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

/**
 * One command menu: the default (English) one has no language code, the others name theirs; the private
 * chats' menu has no scope (Telegram's default), the groups' one is scoped to all group chats.
 */
export interface CommandMenu {
  readonly languageCode?: LanguageCode;
  readonly scope?: BotCommandScope;
  readonly commands: readonly BotCommand[];
}

/** The menus the bot should show: per locale, the whole menu and the groups' short one. */
export function commandMenus(): CommandMenu[] {
  return LOCALES.flatMap((locale) => {
    const t = translator(locale);
    const language = locale === "en" ? {} : { languageCode: locale as LanguageCode };
    const menu = (commands: readonly string[]) =>
      commands.map((command) => ({ command, description: t(`command-${command}`) }));
    return [
      { ...language, commands: menu(COMMANDS) },
      { ...language, scope: { type: "all_group_chats" } as const, commands: menu(GROUP_COMMANDS) },
    ];
  });
}

export const menuOptions = (menu: CommandMenu) => ({
  ...(menu.languageCode === undefined ? {} : { language_code: menu.languageCode }),
  ...(menu.scope === undefined ? {} : { scope: menu.scope }),
});

/** Registers the command menu, English by default and per language for the others. */
export async function registerCommands(api: Api): Promise<void> {
  for (const menu of commandMenus()) await api.setMyCommands([...menu.commands], menuOptions(menu));
}
