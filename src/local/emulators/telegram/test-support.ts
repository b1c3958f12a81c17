/** Shared set-up for the emulator's own tests: a started emulator, a movable clock and a grammY Bot on it. */
import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { afterEach, beforeEach } from "vitest";
import {
  DEFAULT_BOT,
  startTelegramEmulator,
  type TelegramEmulator,
  type TelegramEmulatorOptions,
} from "./index.js";

export class TestClock {
  private current = new Date("2025-03-01T12:00:00Z");
  readonly now = (): Date => this.current;
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const botInfo: UserFromGetMe = {
  ...DEFAULT_BOT,
  is_bot: true,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export interface EmulatorFixture {
  emulator: TelegramEmulator;
  clock: TestClock;
  bot: Bot;
}

/** Starts a fresh emulator (and a Bot pointed at it) before each test and closes it after. */
export function useEmulator(options: TelegramEmulatorOptions = {}): EmulatorFixture {
  const fixture = {} as EmulatorFixture;
  beforeEach(async () => {
    fixture.clock = new TestClock();
    fixture.emulator = await startTelegramEmulator({ now: fixture.clock.now, ...options });
    fixture.bot = new Bot(fixture.emulator.token, { client: { apiRoot: fixture.emulator.apiRoot }, botInfo });
  });
  afterEach(async () => {
    await fixture.emulator.close();
  });
  return fixture;
}

/** Calls a Bot API method with plain fetch and returns the HTTP status and the parsed envelope. */
export async function callApi(
  emulator: TelegramEmulator,
  method: string,
  params: Record<string, unknown> = {},
): Promise<{
  status: number;
  body: { ok: boolean; result?: unknown; error_code?: number; description?: string };
}> {
  const response = await fetch(`${emulator.apiRoot}/bot${emulator.token}/${method}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as never };
}
