import { Composer, InlineKeyboard } from "grammy";
import type { TicketFeedbackGiven } from "../../domain/events.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import type { IntakeStore } from "../../ports/intake-store.js";
import { type BridgeContext, customerOf } from "./bot-context.js";
import { parseButton, ratingButton, reopenButton, SCORES } from "./callback-data.js";
import { withChatSession } from "./chat-session.js";
import { retired, tolerateUneditable } from "./form-messages.js";
import { type Translate, translator } from "./i18n.js";

/** How far back a customer's requests are searched for the ticket a button names. */
const REQUEST_LIMIT = 20;
const html = { parse_mode: "HTML" } as const;

/** The solved notice's buttons: Reopen, and the 1-5 rating until the customer has rated. */
export function solvedNoticeKeyboard(t: Translate, ticketId: number, withRating: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(t("button-reopen"), reopenButton(ticketId));
  if (!withRating) return keyboard;
  keyboard.row();
  for (const score of SCORES) keyboard.text(String(score), ratingButton(ticketId, score));
  return keyboard;
}

/**
 * Reopen and rating presses on a solved notice. The press is sent on to routing (which changes the ticket)
 * and the notice is edited in place: a reopened ticket's notice says so and loses its buttons; a rated one
 * keeps only Reopen. A button for a ticket that is not the customer's, or a rating of one closed for good, answers
 * "expired"; Reopen on a ticket closed for good says to send /new.
 */
export function ticketFeedbackFeature(deps: {
  store: IntakeStore;
  publisher: EventPublisher;
}): Composer<BridgeContext> {
  const feature = new Composer<BridgeContext>();
  // "Answer" on an agent's reply: a prompt the customer's client opens a reply to, and a reply to a ticket's
  // message goes to that ticket, whatever else is open (another ticket, a new form).
  feature.chatType("private").callbackQuery(/^a1:/, (ctx) =>
    withChatSession(
      ctx,
      deps.store,
      async () => {
        const t = translator(ctx.locale);
        const action = parseButton(ctx.callbackQuery.data);
        if (action?.kind !== "answer")
          return {
            afterCommit: () => ctx.answerCallbackQuery({ text: t("button-expired"), show_alert: true }),
          };
        // Zendesk takes no comment on a closed ticket: said at the press, not after the customer wrote it all.
        const requests = await deps.store.listRequests(ctx.from.id, REQUEST_LIMIT);
        if (requests.some((r) => r.ticketId === action.ticketId && r.status === "closed"))
          return retired(ctx, t("ticket-closed-for-good", { ticket: action.ticketId }));
        return {
          afterCommit: async () => {
            await ctx.answerCallbackQuery();
            await ctx.reply(t("answer-prompt", { ticket: action.ticketId }), {
              ...html,
              reply_markup: {
                force_reply: true,
                input_field_placeholder: t("answer-placeholder", { ticket: action.ticketId }),
              },
            });
          },
        };
      },
      () => ctx.answerCallbackQuery({ text: translator(ctx.locale)("error-busy") }),
    ),
  );
  feature.chatType("private").callbackQuery(/^[rs]1:/, (ctx) =>
    withChatSession(
      ctx,
      deps.store,
      async () => {
        const t = translator(ctx.locale);
        const action = parseButton(ctx.callbackQuery.data);
        const noticeId = ctx.callbackQuery.message?.message_id;
        const expired = retired(ctx, t("button-expired"));
        if ((action?.kind !== "reopen" && action?.kind !== "rating") || noticeId === undefined)
          return expired;
        const ticket = action.ticketId;
        const requests = await deps.store.listRequests(ctx.from.id, REQUEST_LIMIT);
        const request = requests.find((r) => r.ticketId === ticket);
        if (!request) return expired;
        // Zendesk takes no change on a closed ticket: the rating cannot be kept, and the customer hears why.
        if (request.status === "closed" && action.kind === "rating")
          return retired(ctx, t("rating-closed", { ticket: action.ticketId }));
        if (request.status === "closed")
          return {
            // Closed for good: Zendesk takes nothing more on it, so the notice's buttons and its
            // "press Reopen" go, and the customer hears where to turn instead.
            afterCommit: async () => {
              await ctx.answerCallbackQuery({
                text: t("ticket-closed-for-good", { ticket }),
                show_alert: true,
              });
              await tolerateUneditable(
                ctx.editMessageText(t("ticket-closed", { ticket }), { parse_mode: "HTML" }),
              );
            },
          };
        const event: TicketFeedbackGiven = {
          type: "TicketFeedbackGiven",
          feedbackKey: `${ctx.chat.id}:${noticeId}:${action.kind}`,
          ticketId: ticket,
          chatId: ctx.chat.id,
          customer: customerOf(ctx.from, ctx.locale),
          feedback: action.kind === "reopen" ? { kind: "reopen" } : { kind: "rating", score: action.score },
        };
        return {
          afterCommit: async () => {
            await deps.publisher.publish(event);
            if (action.kind === "reopen") {
              await ctx.answerCallbackQuery();
              await tolerateUneditable(ctx.editMessageText(t("ticket-reopened", { ticket }), html));
              return;
            }
            await ctx.answerCallbackQuery({ text: t("rating-thanks") });
            await tolerateUneditable(
              ctx.editMessageText(t("ticket-solved-rated", { ticket, score: action.score }), {
                ...html,
                reply_markup: solvedNoticeKeyboard(t, ticket, false),
              }),
            );
          },
        };
      },
      () => ctx.answerCallbackQuery({ text: translator(ctx.locale)("error-busy") }),
    ),
  );
  return feature;
}
