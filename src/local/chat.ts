import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import type { Message } from "grammy/types";

/**
 * `npm run chat`: talk to the locally running bot as a Telegram user would, through the built-in Telegram
 * emulator. Type a message and press Enter; `!N` presses button N; `/file PATH [caption]` sends a document,
 * `/photo PATH [caption]` a photo; `/quit` leaves. Options: --user ID --name NAME --lang en|ru --port N.
 */
const { values: args } = parseArgs({
  options: {
    user: { type: "string", default: "100001" },
    name: { type: "string", default: "Alex" },
    lang: { type: "string", default: "en" },
    port: { type: "string", default: process.env.PORT ?? "8787" },
  },
});
const userId = Number(args.user);
const stackUrl = `http://127.0.0.1:${args.port}`;

async function call<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { ok?: boolean; result?: T; description?: string };
  if (json.ok === false) throw new Error(json.description ?? `HTTP ${response.status}`);
  return (json.result ?? json) as T;
}

async function controlUrl(): Promise<string> {
  const info = await call<{ telegram: { kind: string; controlUrl?: string } }>(
    `${stackUrl}/local/info`,
  ).catch(() => {
    throw new Error(`No local stack at ${stackUrl}. Start it first with: npm start`);
  });
  if (!info.telegram.controlUrl)
    throw new Error("The local stack talks to a real Telegram; use the Telegram app.");
  return info.telegram.controlUrl;
}

let buttons: Array<{ messageId: number; data: string }> = [];
const latest = new Map<number, Message>();

function show(message: Message, edited: boolean): void {
  if (!message.from?.is_bot) return;
  const body =
    message.text ??
    message.caption ??
    (message.document ? `[file ${message.document.file_name}]` : "[media]");
  process.stdout.write(`\n── bot #${message.message_id}${edited ? " (edited)" : ""}\n${body}\n`);
  for (const row of message.reply_markup?.inline_keyboard ?? []) {
    const links = row
      .filter((button) => "url" in button)
      .map((button) => `[${button.text} → ${"url" in button ? button.url : ""}]`);
    if (links.length > 0) process.stdout.write(`${links.join("  ")}\n`);
  }
}

/** Numbers the buttons of the newest bot message that has any: those are the ones a person would press. */
function offerButtons(): void {
  const withButtons = [...latest.values()]
    .filter(
      (m) =>
        m.from?.is_bot &&
        m.reply_markup?.inline_keyboard.some((row) => row.some((b) => "callback_data" in b)),
    )
    .sort((a, b) => b.message_id - a.message_id)[0];
  buttons = [];
  if (!withButtons) return;
  const rows = withButtons.reply_markup?.inline_keyboard ?? [];
  const labels = rows.map((row) =>
    row
      .filter((button) => "callback_data" in button)
      .map((button) => {
        buttons.push({
          messageId: withButtons.message_id,
          data: "callback_data" in button ? (button.callback_data ?? "") : "",
        });
        return `[!${buttons.length} ${button.text}]`;
      })
      .join("  "),
  );
  process.stdout.write(`buttons of #${withButtons.message_id}: ${labels.join("  ")}\n`);
}

async function watch(control: string): Promise<never> {
  let cursor = 0;
  for (;;) {
    const page = await call<{ cursor: number; messages: Message[]; deletedMessageIds: number[] }>(
      `${control}/chats/${userId}/messages?after=${cursor}&waitSeconds=25`,
    ).catch(() => ({ cursor, messages: [], deletedMessageIds: [] }));
    for (const message of page.messages) {
      show(message, latest.has(message.message_id));
      latest.set(message.message_id, message);
    }
    // A deleted message's buttons can no longer be pressed (the bot replaces a form's older copy, for one).
    for (const id of page.deletedMessageIds) latest.delete(id);
    if (page.messages.length + page.deletedMessageIds.length > 0) offerButtons();
    cursor = page.cursor;
  }
}

async function main(): Promise<void> {
  const control = await controlUrl();
  const party = { userId, firstName: args.name, languageCode: args.lang };
  process.stdout.write(
    `Chatting as ${args.name} (user ${userId}). Try /start. Buttons: !N. Reply to bot message #N: /reply N text. Leave: /quit\n`,
  );
  void watch(control);
  const input = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  for await (const line of input) {
    const text = line.trim();
    try {
      if (text === "/quit") break;
      if (/^!\d+$/.test(text)) {
        const chosen = buttons[Number(text.slice(1)) - 1];
        if (!chosen) throw new Error("no such button");
        await call(`${control}/click`, {
          chatId: userId,
          userId,
          messageId: chosen.messageId,
          data: chosen.data,
        });
      } else if (/^\/reply \d+ \S/.test(text)) {
        // Telegram's reply to a message, as the app's swipe or the bot's Answer prompt make it.
        const [, id = "", ...words] = text.split(" ");
        await call(`${control}/send`, { ...party, text: words.join(" "), replyToMessageId: Number(id) });
      } else if (/^\/(file|photo) /.test(text)) {
        const [command, path = "", ...caption] = text.split(" ");
        const bytes = await readFile(path);
        await call(`${control}/send-file`, {
          ...party,
          kind: command === "/photo" ? "photo" : "document",
          fileName: basename(path),
          caption: caption.join(" ") || undefined,
          contentBase64: bytes.toString("base64"),
        });
      } else if (text) {
        await call(`${control}/send`, { ...party, text });
      }
    } catch (error) {
      process.stdout.write(`! ${(error as Error).message}\n`);
    }
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
