import { Composer, InlineKeyboard } from "grammy";
import { processOnce } from "../../domain/process-once.js";
import { type CustomerData, type ErasureReport, isEmptyReport } from "../../ports/customer-data.js";
import type { DeliveryLedger } from "../../ports/delivery-ledger.js";
import type { IntakeStore } from "../../ports/intake-store.js";
import type { BridgeContext } from "./bot-context.js";
import { FORGET_BUTTONS } from "./callback-data.js";
import { tolerateUneditable } from "./form-messages.js";
import { pickLocale, type Translate, translator } from "./i18n.js";

export interface ForgetFeatureDeps {
  store: IntakeStore;
  customerData: CustomerData;
  /** Remembers the confirming update: the session that would have recorded it is erased with the rest. */
  ledger: DeliveryLedger;
  /** Told what was erased (the audit trail records it). */
  onErased?: (report: ErasureReport) => void;
}

/** Longer than the intake function's timeout, so a live handler never loses its claim. */
const LEASE_SECONDS = 30;
const html = { parse_mode: "HTML" } as const;

/**
 * `/forget`: after a confirming button, deletes what the bot stores about the customer and reports it with
 * counts. Open tickets lose their link to the chat (agent replies stop reaching it), which the report says;
 * the tickets themselves stay in the help desk under the company's own retention.
 */
export function forgetFeature(deps: ForgetFeatureDeps): Composer<BridgeContext> {
  const feature = new Composer<BridgeContext>();
  const chat = feature.chatType("private");
  const t = (ctx: BridgeContext) => translator(ctx.locale);
  /**
   * The question and the "keep" answer only read the session, for its language: writing it would store
   * something about a customer who is about to ask for nothing to be stored. Repeating either is harmless.
   */
  const inCustomersLanguage = async (ctx: BridgeContext & { chat: { id: number } }) => {
    const session = await deps.store.read(String(ctx.chat.id));
    ctx.locale = pickLocale(session?.locale, ctx.from?.language_code);
    return translator(ctx.locale);
  };

  chat.command("forget", async (ctx) => {
    const tr = await inCustomersLanguage(ctx);
    await ctx.reply(tr("forget-confirm"), {
      ...html,
      reply_markup: new InlineKeyboard()
        .text(tr("button-forget-confirm"), FORGET_BUTTONS.confirm)
        .text(tr("button-forget-keep"), FORGET_BUTTONS.keep),
    });
  });

  chat.callbackQuery(FORGET_BUTTONS.keep, async (ctx) => {
    const tr = await inCustomersLanguage(ctx);
    await ctx.answerCallbackQuery({ text: tr("forget-kept") });
    await tolerateUneditable(ctx.editMessageText(tr("forget-kept")));
  });

  chat.callbackQuery(FORGET_BUTTONS.confirm, async (ctx) => {
    // The session holds the chosen language and is about to go: read it first.
    await inCustomersLanguage(ctx);
    const delivery = { source: "telegram-update", id: String(ctx.update.update_id) } as const;
    const outcome = await processOnce(deps.ledger, delivery, LEASE_SECONDS, async () => {
      const report = await deps.customerData.erase({ telegramUserId: ctx.from.id, chatId: ctx.chat.id });
      deps.onErased?.(report);
      await ctx.answerCallbackQuery();
      await tolerateUneditable(ctx.editMessageReplyMarkup());
      await ctx.reply(erasureText(report, t(ctx)), html);
    });
    if (outcome === "duplicate") ctx.outcome = "duplicate";
  });
  return feature;
}

function erasureText(report: ErasureReport, t: Translate): string {
  if (isEmptyReport(report)) return [t("forget-nothing"), t("forget-remains")].join("\n\n");
  const parts = [
    t("forget-done", {
      requests: report.requests,
      links: report.ticketLinks,
      profiles: report.profiles,
      sessions: report.sessions,
      held: report.heldMessages,
    }),
  ];
  if (report.withdrawnRequests > 0) parts.push(t("forget-withdrawn", { count: report.withdrawnRequests }));
  if (report.openTickets.length > 0) {
    parts.push(
      t("forget-open-tickets", {
        tickets: report.openTickets.map((id) => `#${id}`).join(", "),
        count: report.openTickets.length,
      }),
    );
  }
  parts.push(t("forget-remains"));
  return parts.join("\n\n");
}
