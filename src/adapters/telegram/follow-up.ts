import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { isOnlyThanks } from "../../domain/conversation/gratitude.js";
import { ticketNamedIn } from "../../domain/conversation/named-ticket.js";
import type { UnroutedMessage } from "../../domain/events.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import type { HeldMessage, HeldMessages, OpenQuestion } from "../../ports/held-messages.js";
import {
  type ChatSession,
  type IntakeStore,
  isOpenStatus,
  type RequestRecord,
} from "../../ports/intake-store.js";
import { type BridgeContext, customerMessageKey, customerOf } from "./bot-context.js";
import {
  type HeldMessageRef,
  heldMessageKey,
  heldRefOf,
  NEW_REQUEST_BUTTON,
  parseButton,
  ticketChoiceButton,
} from "./callback-data.js";
import { withChatSession } from "./chat-session.js";
import { offerNewRequest } from "./commands-feature.js";
import { messageInput, messageText } from "./form-inputs.js";
import { tolerateUneditable } from "./form-messages.js";
import { type Translate, translator } from "./i18n.js";

const OPEN_LIMIT = 20;
/** The newest solved tickets offered when none is open: enough for "the one just solved", not a history. */
const SOLVED_OFFERED = 3;
/** How long after Confirm a message belongs to the request just sent while its ticket is being made. */
const JUST_SENT_MS = 15 * 60_000;
const LABEL_SUMMARY_CHARS = 24;

type TicketRequest = RequestRecord & { ticketId: number };

export interface FollowUpDeps {
  store: IntakeStore;
  publisher: EventPublisher;
  held: HeldMessages;
}

/**
 * The ticket a replied-to bot message is about. An agent's reply names it in its header ("#N · Anna", or
 * "(2/3 · #N)" on a later part), a notice in bold ("Your ticket is **#N**"), whatever other numbers the
 * text quotes (an order "#12345" in the request's summary). A message naming several tickets (the /status
 * list) is about none of them.
 */
export function ticketMentioned(message: Message | undefined): number | undefined {
  const text = message?.text ?? message?.caption ?? "";
  const header = /^(?:\(\d+\/\d+ · #(\d+)\)|(?:\(\d+\/\d+\) )?#(\d+) ·)/.exec(text);
  if (header) return Number(header[1] ?? header[2]);
  const entities = message?.entities ?? message?.caption_entities ?? [];
  const bold = entities
    .filter((entity) => entity.type === "bold")
    .map((entity) => text.slice(entity.offset, entity.offset + entity.length))
    .filter((words) => /^#\d+$/.test(words));
  // A formatted message names its ticket in bold; any other "#N" in it is quoted (an order ID on the form).
  const named = new Set(
    (entities.length > 0 ? bold : [...text.matchAll(/#\d+/g)].map((match) => match[0])).map((n) =>
      Number(n.slice(1)),
    ),
  );
  return named.size === 1 ? [...named][0] : undefined;
}

/** A button label: ticket number, category and the start of the description. */
function ticketLabel(t: Translate, request: TicketRequest): string {
  const summary =
    request.summary.length > LABEL_SUMMARY_CHARS
      ? `${request.summary.slice(0, LABEL_SUMMARY_CHARS - 1).trimEnd()}…`
      : request.summary;
  const solved = isOpenStatus(request.status) ? "" : "✅ ";
  return `${solved}#${request.ticketId} ${t(`category-${request.category}`)}: ${summary}`;
}

/**
 * A customer's message outside a form: a reply to a ticket's message goes to that ticket (a solved one too:
 * the requester's comment reopens it), a customer with one open ticket adds to it, a customer with several
 * is asked which one with a button per ticket while the message is held, and a customer with none is
 * offered a new request, which carries the held message into the form. Messages that follow within a burst
 * join the question (or offer) on screen instead of getting one each. Sent on as an event; routing writes
 * the comment.
 */
export function followUpOrOffer({ store, publisher, held }: FollowUpDeps) {
  return async (ctx: BridgeContext, session?: ChatSession): Promise<unknown> => {
    const message = ctx.msg;
    const from = ctx.from;
    if (!message || !from) return offerNewRequest(ctx);
    const requests = await store.listRequests(from.id, OPEN_LIMIT);
    const tickets = requests.filter(
      (r): r is TicketRequest => r.ticketId !== undefined && r.status !== "closed",
    );
    // The request the chat sent last, from the session (read consistently, unlike the request index), if
    // it was sent a moment ago: what the customer adds right after Confirm belongs to it.
    const justSent = session?.closedForm?.submitted;
    const filing =
      justSent && message.date * 1000 - Date.parse(justSent.at) < JUST_SENT_MS ? justSent : undefined;
    const open = tickets.filter((r) => isOpenStatus(r.status));
    const mentioned = ticketMentioned(message.reply_to_message);
    const mentionedTicket = tickets.find((r) => r.ticketId === mentioned);
    const t = translator(ctx.locale);
    // A reply to a closed ticket's message: Zendesk takes no more comments on it.
    if (
      mentioned !== undefined &&
      !mentionedTicket &&
      requests.some((r) => r.ticketId === mentioned && r.status === "closed")
    )
      return ctx.reply(t("ticket-closed-for-good", { ticket: mentioned }));
    const edited = ctx.editedMessage !== undefined;
    const ref: HeldMessageRef = {
      messageId: message.message_id,
      ...(edited ? { editDate: message.edit_date ?? 0 } : {}),
    };
    const input = messageInput(message);
    const received: UnroutedMessage = {
      type: "CustomerMessageReceived",
      messageKey: customerMessageKey(message.chat.id, message.message_id, ref.editDate),
      chatId: message.chat.id,
      customer: customerOf(from, ctx.locale),
      text: messageText(message),
      edited,
      attachments: input?.kind === "attachment" ? [input.attachment] : [],
    };
    // A message still waiting for the customer's choice is sent as last written: the edit takes its place, and
    // nothing is asked twice.
    if (edited && (await amendHeld(held, message.chat.id, message.message_id, received)))
      return ctx.react("✍").catch(() => undefined);
    // Right after Confirm the customer adds what they forgot: while the request's ticket is being made, the
    // message is kept with the request (routing posts it once the ticket is made), not sent to an older
    // ticket nor offered a new request.
    if (!mentionedTicket && filing && (await store.addWhileFiling(filing.requestId, received)))
      return ctx
        .react("👍")
        .catch(() => ctx.reply(t("follow-up-added-to-new")))
        .catch(() => undefined);
    // Once the ticket exists it is one of the customer's open tickets, and the usual rules apply. Of several
    // open tickets, the one an agent is waiting on the customer for (after "⏳ … waiting for your reply") is
    // what they answer; the customer is told which it went to.
    // An edit is about its original message, which may have gone anywhere: it is not taken for an answer.
    // A message that names one of them (its number, or the order ID it was filed with) goes there before that.
    const awaiting = open.filter((r) => r.status === "awaiting-customer");
    const named = open.length > 1 ? ticketNamedIn(received.text, open) : undefined;
    const answering = !edited && open.length > 1 && awaiting.length === 1 ? awaiting[0]?.ticketId : undefined;
    const target =
      mentionedTicket?.ticketId ?? (open.length === 1 ? open[0]?.ticketId : undefined) ?? named ?? answering;
    // A thank-you after a solve needs no ticket, not even the solved one it replies to: reopening it would put
    // it back in the agents' queue.
    const aboutSolved =
      mentionedTicket === undefined
        ? target === undefined && open.length === 0
        : !isOpenStatus(mentionedTicket.status);
    if (aboutSolved && !edited && received.attachments.length === 0 && isOnlyThanks(received.text))
      return ctx.reply(t("follow-up-thanks"));
    if (target === undefined) {
      // With no ticket open, a solved one can still be what the message is about: a comment reopens it.
      const offered = open.length > 0 ? open : tickets.slice(0, SOLVED_OFFERED);
      const chatId = message.chat.id;
      // A burst of messages gets one question: later ones join the message it holds and go where it goes. An
      // edit is about a message sent earlier, maybe to another ticket: it is asked about on its own.
      const joinsBurst = !edited;
      const heldKey = heldMessageKey(ref);
      // A redelivery after Telegram refused the question: messages that joined it before the refusal are
      // still held with this one.
      const joinedBefore = (await held.find(chatId, heldKey))?.more ?? [];
      const burst = [received, ...joinedBefore];
      // Once the messages joined a question, a failure must not make a redelivery join them again: what is
      // left behind expires on its own.
      if (joinsBurst && (await joinOpenQuestion(ctx, held, chatId, heldKey, burst, offered))) {
        if (joinedBefore.length > 0) await held.release(chatId, heldKey).catch(() => undefined);
        return ctx.react("👀").catch(() => undefined);
      }
      // Held before asking, so every button shown can find its message.
      await held.hold(chatId, heldKey, {
        message: received,
        ...(joinedBefore.length > 0 ? { more: joinedBefore } : {}),
        offeredTicketIds: offered.map((r) => r.ticketId),
      });
      // Another message of the burst, delivered at the same moment, may be asking already.
      if (
        joinsBurst &&
        !(await held.claimQuestion(chatId, heldKey)) &&
        (await joinOpenQuestion(ctx, held, chatId, heldKey, burst, offered))
      ) {
        await held.release(chatId, heldKey).catch(() => undefined);
        return ctx.react("👀").catch(() => undefined);
      }
      const question = await ctx
        .reply(t(offered.length === 0 ? "outside-form" : "follow-up-which"), {
          reply_markup: choiceKeyboard(t, ref, offered),
          reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
        })
        .catch(async (error: unknown) => {
          // No question on screen: nothing more may join it. What joined stays held for the redelivery.
          await held.withdrawQuestion(chatId, heldKey);
          throw error;
        });
      // The question is on screen: a failure from here on must not make a redelivery ask a second one. Without
      // its message id recorded, messages still join it; they are counted in it at its next edit.
      await settleQuestion(
        ctx,
        held,
        chatId,
        { heldKey, questionMessageId: question.message_id },
        joinsBurst,
        ref,
        offered,
      ).catch(() => undefined);
      return question;
    }
    await publisher.publish({ ...received, ticketId: target });
    // Sent on: a failed acknowledgement must not make a redelivery decide the target again.
    // A reply on a solved ticket reopens it in Zendesk: said as the Reopen button says it, not with a 👍.
    if (mentionedTicket?.status === "solved")
      return ctx
        .reply(t("follow-up-reopened", { ticket: target }), { parse_mode: "HTML" })
        .catch(() => undefined);
    if (!mentionedTicket && open.length > 1)
      return ctx.reply(t("follow-up-added", { ticket: target })).catch(() => undefined);
    // A reaction says "received" without adding a message to the chat.
    return ctx
      .react("👍")
      .catch(() => ctx.reply(t("follow-up-added", { ticket: target })))
      .catch(() => undefined);
  };
}

/**
 * Puts an edit in the place of its message if that is held: as its own question's message, or joined to the
 * chat's open question. False when it is not held (sent on already, or never held).
 */
async function amendHeld(
  held: HeldMessages,
  chatId: number,
  messageId: number,
  edit: UnroutedMessage,
): Promise<boolean> {
  const amended = { ...edit, messageKey: customerMessageKey(chatId, messageId), edited: false };
  const ownKey = heldMessageKey({ messageId });
  if (await held.amend(chatId, ownKey, amended)) return true;
  // Also after the burst went quiet: the customer may come back to fix a message an hour later.
  const open = await held.openQuestion(chatId, { quietToo: true });
  return open !== undefined && open.heldKey !== ownKey && held.amend(chatId, open.heldKey, amended);
}

/** Records the question on screen, and counts in it the messages that joined while it was on its way. */
async function settleQuestion(
  ctx: BridgeContext,
  held: HeldMessages,
  chatId: number,
  question: Required<OpenQuestion>,
  joinsBurst: boolean,
  ref: HeldMessageRef,
  offered: readonly TicketRequest[],
): Promise<void> {
  if (joinsBurst) await held.asked(chatId, question);
  const joined = await held.find(chatId, question.heldKey);
  if (joined?.more?.length) await editQuestion(ctx, chatId, question.questionMessageId, ref, joined, offered);
}

/**
 * Adds the messages to the chat's open question (another message's), if there is one whose message is still
 * held, and counts them in the question once that is on screen.
 */
async function joinOpenQuestion(
  ctx: BridgeContext,
  held: HeldMessages,
  chatId: number,
  ownKey: string,
  received: readonly HeldMessage["message"][],
  open: readonly TicketRequest[],
): Promise<boolean> {
  const found = await held.openQuestion(chatId);
  // The question is this message's own when its update runs again after a failure.
  const pending = found?.heldKey === ownKey ? undefined : found;
  // The tickets open now: one filed since the question was asked is offered too.
  const joined =
    pending &&
    (await held.append(
      chatId,
      pending.heldKey,
      received,
      open.map((r) => r.ticketId),
    ));
  const pendingRef = pending && heldRefOf(pending.heldKey);
  if (!pending || !joined || !pendingRef) return false;
  if (pending.questionMessageId !== undefined)
    await editQuestion(ctx, chatId, pending.questionMessageId, pendingRef, joined, open).catch(
      () => undefined,
    );
  return true;
}

/** The question reworded for the number of messages it now holds, with the tickets it offered. */
function editQuestion(
  ctx: BridgeContext,
  chatId: number,
  questionMessageId: number,
  ref: HeldMessageRef,
  joined: HeldMessage,
  open: readonly TicketRequest[],
) {
  const t = translator(ctx.locale);
  const offered = open.filter((r) => joined.offeredTicketIds.includes(r.ticketId));
  const count = 1 + (joined.more?.length ?? 0);
  return ctx.api.editMessageText(
    chatId,
    questionMessageId,
    t(offered.length === 0 ? "outside-form-many" : "follow-up-which-many", { count }),
    { reply_markup: choiceKeyboard(t, ref, offered) },
  );
}

/** The Telegram message id inside a message key (`<chat>:<message>[:e<edit date>]`, built above). */
const messageIdOf = (part: HeldMessage["message"]): number => Number(part.messageKey.split(":")[1]);

/**
 * A held message and those that joined it, in the order written: messages delivered at the same moment
 * join in whatever order they are handled.
 */
export function heldInOrder(held: HeldMessage): HeldMessage["message"][] {
  return [held.message, ...(held.more ?? [])].sort((a, b) => messageIdOf(a) - messageIdOf(b));
}

/**
 * A held burst as one message: its texts in the order written and all its files. Events are not delivered
 * in order, so one comment is the only way the ticket shows them as written. Its key is the first message's
 * and the count, so a second press of the same question repeats nothing.
 */
function asOneMessage(held: HeldMessage): UnroutedMessage {
  const more = held.more ?? [];
  if (more.length === 0) return held.message;
  const parts = heldInOrder(held);
  return {
    ...held.message,
    messageKey: `${held.message.messageKey}+${more.length}`,
    text: parts
      .map((part) => (part.edited ? `edited: ${part.text}` : part.text))
      .filter(Boolean)
      .join("\n\n"),
    edited: false,
    attachments: parts.flatMap((part) => part.attachments),
  };
}

/** A button per open ticket for the held message (none for an offer), and one for a new request. */
function choiceKeyboard(
  t: Translate,
  ref: HeldMessageRef,
  requests: readonly TicketRequest[],
): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const request of requests)
    keyboard.text(ticketLabel(t, request), ticketChoiceButton(ref, request.ticketId)).row();
  return keyboard.text(t("button-new-request"), NEW_REQUEST_BUTTON);
}

/**
 * The customer's answer to "which request is this about?": the held message goes to the chosen ticket and
 * the question shows the choice. A press the chat has seen already is skipped by the session; a button
 * whose message was sent on or expired answers "expired". "New request" is the form's own button.
 */
export function ticketChoiceFeature({ store, publisher, held }: FollowUpDeps): Composer<BridgeContext> {
  const feature = new Composer<BridgeContext>();
  feature.chatType("private").callbackQuery(/^t1:/, (ctx) =>
    withChatSession(
      ctx,
      store,
      async () => {
        const t = translator(ctx.locale);
        const action = parseButton(ctx.callbackQuery.data);
        const chatId = ctx.chat.id;
        const key = action?.kind === "pick-ticket" ? heldMessageKey(action.held) : undefined;
        const message = key === undefined ? undefined : await held.find(chatId, key);
        if (
          action?.kind !== "pick-ticket" ||
          key === undefined ||
          !message?.offeredTicketIds.includes(action.ticketId)
        ) {
          return {
            afterCommit: async () => {
              await ctx.answerCallbackQuery({ text: t("follow-up-question-closed"), show_alert: true });
              await tolerateUneditable(ctx.editMessageReplyMarkup());
            },
          };
        }
        const ticket = action.ticketId;
        return {
          afterCommit: async () => {
            // Taken, so a message arriving from now on asks anew instead of joining what is sent here.
            const taken = (await held.take(chatId, key)) ?? message;
            // Sent on before release: should the release fail, a second press is de-duplicated by message key.
            await publisher.publish({ ...asOneMessage(taken), ticketId: ticket });
            await held.release(chatId, key);
            await ctx.answerCallbackQuery({ text: t("follow-up-added", { ticket }) });
            await tolerateUneditable(ctx.editMessageText(t("follow-up-added", { ticket })));
          },
        };
      },
      () => ctx.answerCallbackQuery({ text: translator(ctx.locale)("error-busy") }),
    ),
  );
  return feature;
}
