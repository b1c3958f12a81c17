import { Composer, InlineKeyboard } from "grammy";
import { LOCALES } from "../../domain/events.js";
import type { IntakePolicy } from "../../domain/intake/policy.js";
import { type IntakeStore, isOpenStatus } from "../../ports/intake-store.js";
import { COMMANDS, leadingCommand } from "./bot-commands.js";
import type { BridgeContext } from "./bot-context.js";
import { languageButton, NEW_REQUEST_BUTTON, parseButton } from "./callback-data.js";
import { withChatSession } from "./chat-session.js";
import { tolerateUneditable } from "./form-messages.js";
import { escapeHtml } from "./html.js";
import { translator } from "./i18n.js";
import { renderForm } from "./render-form.js";

/** How many requests /status lists: every open one, then the newest finished ones up to this many. */
const STATUS_SHOWN = 10;
const STATUS_READ = 50;

/** /help, /status, /language, group chats, and the offer to start a request. */
export function commandsFeature(store: IntakeStore, policy: IntakePolicy): Composer<BridgeContext> {
  const feature = new Composer<BridgeContext>();
  const t = (ctx: BridgeContext) => translator(ctx.locale);

  // The form asks for order details: never in front of a group. A deep link opens the private chat, for
  // every command of the bot (a group member who tries /status learns where it works).
  feature.chatType(["group", "supergroup"]).command([...COMMANDS], (ctx) =>
    ctx.reply(t(ctx)("welcome-in-group"), {
      reply_markup: new InlineKeyboard().url(
        t(ctx)("button-open-private-chat"),
        `https://t.me/${ctx.me.username}?start=new`,
      ),
    }),
  );

  const chat = feature.chatType("private");
  /** Reads the session for its language only; the write-less plan marks the update done afterwards. */
  const withLocale = (ctx: BridgeContext, reply: () => Promise<unknown>) =>
    withChatSession(ctx, store, async () => ({ afterCommit: reply }), reply);

  chat.command("help", (ctx) => withLocale(ctx, () => ctx.reply(t(ctx)("help"), { parse_mode: "HTML" })));

  chat.command("status", (ctx) =>
    withChatSession(
      ctx,
      store,
      async (session) => ({ afterCommit: () => showStatus(ctx, session.form !== undefined) }),
      () => showStatus(ctx, false),
    ),
  );

  /** The customer's requests, newest first; a form in progress is mentioned so /new does not look like the way on. */
  async function showStatus(ctx: BridgeContext & { from: { id: number } }, draft: boolean) {
    const tr = t(ctx);
    const all = await store.listRequests(ctx.from.id, STATUS_READ);
    // An open request is never cut off for older ones: a customer with many must still find each.
    const open = all.filter((r) => isOpenStatus(r.status));
    const finished = all
      .filter((r) => !isOpenStatus(r.status))
      .slice(0, Math.max(0, STATUS_SHOWN - open.length));
    // Newest first, as read.
    const requests = all.filter((r) => open.includes(r) || finished.includes(r));
    const left = all.length - requests.length;
    const draftLine = draft ? [tr("status-draft")] : [];
    const moreLine = left > 0 ? [tr("status-more", { count: left })] : [];
    if (requests.length === 0) return ctx.reply(draft ? tr("status-draft") : tr("status-none"));
    const lines = requests.map((r) =>
      tr("status-line", {
        category: tr(`category-${r.category}`),
        status: tr(
          r.status === "submitted" && r.filingDelayed ? "status-filing-delayed" : `status-${r.status}`,
        ),
        date: new Intl.DateTimeFormat(ctx.locale === "ru" ? "ru-RU" : "en-GB", {
          dateStyle: ctx.locale === "ru" ? "long" : "medium",
          timeZone: "UTC",
        }).format(new Date(r.submittedAt)),
        ticket: r.ticketId ?? "none",
        summary: escapeHtml(r.summary),
      }),
    );
    return ctx.reply([tr("status-title"), ...lines, ...moreLine, ...draftLine].join("\n\n"), {
      parse_mode: "HTML",
    });
  }

  chat.command("language", (ctx) =>
    withLocale(ctx, () => {
      const keyboard = new InlineKeyboard();
      for (const locale of LOCALES)
        keyboard.text(translator(locale)("language-name"), languageButton(locale));
      return ctx.reply(t(ctx)("choose-language"), { reply_markup: keyboard });
    }),
  );

  chat.callbackQuery(/^l1:/, (ctx) =>
    withChatSession(
      ctx,
      store,
      async (session) => {
        const action = parseButton(ctx.callbackQuery.data);
        if (action?.kind !== "language") {
          return { afterCommit: () => ctx.answerCallbackQuery({ text: t(ctx)("form-expired") }) };
        }
        const { form, formMessageId } = session;
        return {
          next: { ...session, locale: action.locale },
          afterCommit: async () => {
            const text = translator(action.locale)("language-set");
            await ctx.answerCallbackQuery({ text });
            await ctx.editMessageText(text).catch(() => undefined);
            // Notices of the customer's tickets (solved, waiting for a reply) follow the choice too; after the
            // answer, so a failure here cannot leave the press spinning.
            await store.setTicketsLocale(ctx.from.id, action.locale);
            // A form in progress speaks the new language at once, not from the customer's next answer.
            if (form && formMessageId !== undefined) {
              const rendered = renderForm(form, action.locale, policy);
              await tolerateUneditable(
                ctx.api.editMessageText(ctx.chat.id, formMessageId, rendered.text, {
                  parse_mode: "HTML",
                  reply_markup: rendered.keyboard,
                }),
              );
            }
          },
        };
      },
      () => ctx.answerCallbackQuery(),
    ),
  );

  // Any other button (from an old version of the bot, or forged) still gets its spinner stopped.
  // A command the bot does not have (a typo, another bot's) is answered with what it has, not silence.
  chat.on("message:text").filter(
    (ctx) => leadingCommand(ctx.message) !== undefined,
    (ctx) =>
      withLocale(ctx, () =>
        ctx.reply(`${t(ctx)("unknown-command")}\n\n${t(ctx)("help")}`, { parse_mode: "HTML" }),
      ),
  );

  feature.on("callback_query", (ctx) =>
    withLocale(ctx, () => ctx.answerCallbackQuery({ text: t(ctx)("form-expired"), show_alert: true })),
  );
  return feature;
}

/**
 * The default answer to a message outside a form: offer a new request. The offer replies to the message, so
 * a press on its button finds what the customer wrote and the form can carry it into the description.
 */
export function offerNewRequest(ctx: BridgeContext): Promise<unknown> {
  const messageId = ctx.msg?.message_id;
  return ctx.reply(translator(ctx.locale)("outside-form"), {
    reply_markup: new InlineKeyboard().text(translator(ctx.locale)("button-new-request"), NEW_REQUEST_BUTTON),
    ...(messageId === undefined
      ? {}
      : { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } }),
  });
}
