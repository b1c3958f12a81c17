import type { Api } from "grammy";
import type { WebhookInfo } from "grammy/types";
import { ALLOWED_UPDATES, commandMenus, menuOptions } from "./bot-commands.js";

/** What `telegram:setup` registers with Telegram. */
export interface WebhookSettings {
  readonly url: string;
  /** Sent as `secret_token`; never printed or logged. */
  readonly secretToken: string;
  /** 1-100: how many deliveries Telegram runs at once (each one is a Lambda invocation). */
  readonly maxConnections: number;
  readonly dropPendingUpdates: boolean;
}

/** One setting as Telegram reported it before and after (or, on a dry run, as it would be). */
export interface SettingChange {
  readonly setting: string;
  readonly before: string;
  readonly after: string;
}

export interface TelegramSetupReport {
  readonly dryRun: boolean;
  /** Only the settings that differ; empty when the bot was already set up this way. */
  readonly changes: readonly SettingChange[];
  readonly before: WebhookInfo;
  /** getWebhookInfo after the change; absent on a dry run. */
  readonly after?: WebhookInfo;
}

const list = (values: readonly string[] | undefined) =>
  values === undefined ? "(Telegram's default)" : [...values].sort().join(",") || "(all)";

/** The webhook settings getWebhookInfo reports, as comparable text. The secret is never reported. */
function visibleSettings(info: Pick<WebhookInfo, "url" | "allowed_updates" | "max_connections">) {
  return {
    url: info.url || "(none)",
    allowed_updates: list(info.allowed_updates),
    max_connections: info.max_connections === undefined ? "(none)" : String(info.max_connections),
  };
}

function differences(before: Record<string, string>, after: Record<string, string>): SettingChange[] {
  return Object.keys(after)
    .filter((setting) => before[setting] !== after[setting])
    .map((setting) => ({ setting, before: before[setting] ?? "", after: after[setting] ?? "" }));
}

/**
 * Registers the bridge's webhook and command menus, idempotently. setWebhook is always sent, because
 * Telegram does not report the secret_token and a rotated secret must reach it; Telegram answers "Webhook
 * is already set" when nothing else changed. Menus are written only when they differ.
 */
export async function setUpTelegram(
  api: Api,
  settings: WebhookSettings,
  options: { readonly dryRun: boolean },
): Promise<TelegramSetupReport> {
  const before = await api.getWebhookInfo();
  const menus = await Promise.all(
    commandMenus().map(async (menu) => {
      const current = await api.getMyCommands(menuOptions(menu));
      const key = `commands${menu.scope ? "[groups]" : ""}${menu.languageCode ? `[${menu.languageCode}]` : ""}`;
      const show = (commands: readonly { command: string }[]) =>
        commands.map((c) => `/${c.command}`).join(" ") || "(none)";
      const changed = JSON.stringify(current) !== JSON.stringify(menu.commands);
      return { menu, change: { setting: key, before: show(current), after: show(menu.commands) }, changed };
    }),
  );
  const menuChanges = menus.filter((m) => m.changed).map((m) => m.change);
  const drop = settings.dropPendingUpdates && before.pending_update_count > 0;
  const pending = drop
    ? [{ setting: "pending_update_count", before: String(before.pending_update_count), after: "0" }]
    : [];
  const desired = visibleSettings({
    url: settings.url,
    allowed_updates: [...ALLOWED_UPDATES],
    max_connections: settings.maxConnections,
  });
  if (options.dryRun) {
    return {
      dryRun: true,
      before,
      changes: [...differences(visibleSettings(before), desired), ...pending, ...menuChanges],
    };
  }

  await api.setWebhook(settings.url, {
    secret_token: settings.secretToken,
    allowed_updates: [...ALLOWED_UPDATES],
    max_connections: settings.maxConnections,
    drop_pending_updates: settings.dropPendingUpdates,
  });
  for (const { menu } of menus.filter((m) => m.changed)) {
    await api.setMyCommands([...menu.commands], menuOptions(menu));
  }
  const after = await api.getWebhookInfo();
  const dropped =
    settings.dropPendingUpdates && after.pending_update_count !== before.pending_update_count
      ? [
          {
            setting: "pending_update_count",
            before: String(before.pending_update_count),
            after: String(after.pending_update_count),
          },
        ]
      : [];
  return {
    dryRun: false,
    before,
    after,
    changes: [...differences(visibleSettings(before), visibleSettings(after)), ...dropped, ...menuChanges],
  };
}
