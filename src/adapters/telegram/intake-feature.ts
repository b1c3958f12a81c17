import { Composer } from "grammy";
import type { IntakeSubmitted, Locale, SuggestedArticle } from "../../domain/events.js";
import { fullDescription, type IntakeForm, newForm } from "../../domain/intake/form.js";
import type { IntakePolicy } from "../../domain/intake/policy.js";
import {
  applyInput,
  articleSearchText,
  type IntakeInput,
  orderIdSent,
} from "../../domain/intake/transitions.js";
import type { Clock } from "../../ports/clock.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import type { HeldMessages } from "../../ports/held-messages.js";
import type { ChatSession, ClosedForm, IntakeStore, RequestRecord } from "../../ports/intake-store.js";
import { type BridgeContext, customerOf } from "./bot-context.js";
import { heldMessageKey, NEW_REQUEST_BUTTON, parseButton } from "./callback-data.js";
import { type SessionPlan, withChatSession } from "./chat-session.js";
import { heldInOrder, ticketMentioned } from "./follow-up.js";
import { messageInput, rejectionText, TAKEN_MESSAGES } from "./form-inputs.js";
import { retired, tolerateUneditable } from "./form-messages.js";
import { translator } from "./i18n.js";
import { preview } from "./preview.js";
import { renderDeflected, renderForm } from "./render-form.js";

export interface IntakeFeatureDeps {
  store: IntakeStore;
  publisher: EventPublisher;
  clock: Clock;
  policy: IntakePolicy;
  newId: (length: number) => string;
  /** A customer's message outside any form (follow-ups to tickets plug in here). */
  outsideForm: (ctx: BridgeContext, session?: ChatSession) => Promise<unknown>;
  /** Help Center articles for a description; never throws (nothing found on failure). Absent: none offered. */
  findArticles?: (text: string, locale: Locale) => Promise<readonly SuggestedArticle[]>;
  /** Messages held for a ticket choice; a new request opened from that question takes them. */
  held?: HeldMessages;
  /** Told once when an offered article solved the issue and the form closed without a ticket. */
  onDeflected?: (deflection: Deflection) => void;
}

export interface Deflection {
  readonly requestId: string;
  readonly locale: Locale;
  readonly articles: readonly SuggestedArticle[];
}

const html = { parse_mode: "HTML" } as const;

/** The session once its form has ended `how`. */
const closing = (session: ChatSession, how: ClosedForm["how"], submittedAt?: string): ChatSession => ({
  ...session,
  form: undefined,
  formMessageId: undefined,
  ...(session.form
    ? {
        closedForm: {
          formId: session.form.formId,
          how,
          ...(submittedAt === undefined
            ? {}
            : { submitted: { requestId: session.form.requestId, at: submittedAt } }),
        },
      }
    : {}),
});

/** What a late press on a closed form's button is told: a double tap on Confirm hears it was sent. */
const CLOSED_FORM_TEXT = {
  submitted: "form-already-sent",
  cancelled: "form-cancelled",
  replaced: "form-replaced",
  deflected: "form-expired",
} as const satisfies Record<ClosedForm["how"], string>;

const plain = (text: string) => text.replace(/<[^>]+>/g, "");

/** The structured request form in a private chat: start, fill in, edit, confirm or cancel. */
export function intakeFeature(deps: IntakeFeatureDeps): Composer<BridgeContext> {
  const { store, policy } = deps;
  const feature = new Composer<BridgeContext>();
  const chat = feature.chatType("private");
  const t = (ctx: BridgeContext) => translator(ctx.locale);
  const replyBusy = (ctx: BridgeContext) => () => ctx.reply(t(ctx)("error-busy"));
  /** A message outside the form, carried on by `outsideForm`: keyed by the message, so safe to run again. */
  const carryOn = (ctx: BridgeContext, session?: ChatSession): SessionPlan => ({
    afterCommit: () => deps.outsideForm(ctx, session),
    rerunOnRedelivery: true,
  });

  /**
   * Opens a new form. A form in progress is never thrown away by a second /new (or an old offer's button):
   * it is shown again below, where the customer is, and /cancel is the way to start over.
   */
  const startForm = (ctx: BridgeContext, how: { greet?: boolean; fromButton?: boolean; text?: string }) =>
    withChatSession(
      ctx,
      store,
      async (session) => {
        // "/new my card does not work" during a form: the words go into it as if typed, never dropped.
        if (session.form && how.text)
          return planInput(
            ctx,
            session,
            session.form,
            { kind: "text", text: how.text, order: ctx.msg?.message_id },
            "message",
          );
        if (session.form) return resumeForm(ctx, session, session.form, how);
        if (how.greet) await ctx.reply(welcome(ctx, session));
        // What the customer wrote after /new ("/new my parcel is lost") opens the description as a first message would.
        const carried = how.fromButton
          ? await carriedMessages(ctx)
          : how.text
            ? { content: { parts: [how.text], attachments: [], messages: 1 } }
            : undefined;
        const form = newForm(
          { formId: deps.newId(10), requestId: deps.newId(16) },
          deps.clock.now(),
          carried?.content,
        );
        const rendered = renderForm(form, ctx.locale, policy);
        const sent = await ctx.reply(rendered.text, { ...html, reply_markup: rendered.keyboard });
        return {
          next: { ...session, form, formMessageId: sent.message_id },
          onConflict: () => ctx.api.deleteMessage(sent.chat.id, sent.message_id).catch(() => undefined),
          afterCommit: async () => {
            // Now in the form: no longer waiting for a ticket choice.
            await carried?.release?.();
            if (how.fromButton) {
              await ctx.answerCallbackQuery();
              await tolerateUneditable(ctx.editMessageReplyMarkup());
            }
            // A form that expired while the customer was away says so.
            if (session.formMessageId !== undefined)
              await showOnMessage(ctx, session.formMessageId, t(ctx)("form-expired"));
          },
        };
      },
      replyBusy(ctx),
    );

  /**
   * The greeting of /start. A customer who has used the form before and starts again (a new phone, after
   * unblocking the bot) is told how to add to a request already sent: what they type next goes into the new
   * form otherwise. Read from the session, so /start costs no query for their tickets.
   */
  function welcome(ctx: BridgeContext, session: ChatSession): string {
    const tr = t(ctx);
    const hello = tr("welcome", { name: ctx.from?.first_name ?? "" });
    return session.closedForm ? `${hello}\n\n${tr("welcome-returning")}` : hello;
  }

  /** The form in progress posted again at the bottom of the chat, its older message pointing below. */
  async function resumeForm(
    ctx: BridgeContext,
    session: ChatSession,
    form: IntakeForm,
    how: { fromButton?: boolean },
  ): Promise<SessionPlan> {
    const tr = t(ctx);
    const rendered = renderForm(form, ctx.locale, policy);
    const sent = await ctx.reply(`${tr("form-resumed")}\n\n${rendered.text}`, {
      ...html,
      reply_markup: rendered.keyboard,
    });
    return {
      next: { ...session, formMessageId: sent.message_id },
      onConflict: () => ctx.api.deleteMessage(sent.chat.id, sent.message_id).catch(() => undefined),
      afterCommit: async () => {
        // The pressed offer or question keeps its buttons: its message is still held for after this form.
        if (how.fromButton) await ctx.answerCallbackQuery();
        if (session.formMessageId !== undefined)
          await showOnMessage(ctx, session.formMessageId, tr("form-moved"));
      },
    };
  }

  chat.command(["start", "new"], (ctx) =>
    startForm(ctx, {
      greet: ctx.hasCommand("start") && ctx.match !== "new",
      // /start's argument is a deep link's payload, not the customer's words.
      ...(ctx.hasCommand("new") && ctx.match.trim() ? { text: ctx.match.trim() } : {}),
    }),
  );
  chat.callbackQuery(NEW_REQUEST_BUTTON, (ctx) => startForm(ctx, { fromButton: true }));
  // Continue on a form's reminder: that form again, or why it cannot be (sent, cancelled, expired).
  chat.callbackQuery(/^c1:/, (ctx) =>
    withChatSession(
      ctx,
      store,
      async (session) => {
        const action = parseButton(ctx.callbackQuery.data);
        const formId = action?.kind === "continue-form" ? action.formId : undefined;
        if (session.form && session.form.formId === formId)
          return resumeForm(ctx, session, session.form, { fromButton: true });
        const closed = session.closedForm?.formId === formId ? session.closedForm : undefined;
        return retired(ctx, plain(t(ctx)(closed ? CLOSED_FORM_TEXT[closed.how] : "form-expired")));
      },
      replyBusy(ctx),
    ),
  );

  chat.command("cancel", (ctx) =>
    withChatSession(
      ctx,
      store,
      async (session) =>
        session.form
          ? {
              next: closing(session, "cancelled"),
              // The form message says so (typed input keeps it the latest); a new message only without one.
              afterCommit: () => showOnMessage(ctx, session.formMessageId, t(ctx)("form-cancelled")),
            }
          : { afterCommit: () => ctx.reply(t(ctx)("nothing-to-cancel")) },
      replyBusy(ctx),
    ),
  );

  chat.callbackQuery(/^f1:/, (ctx) =>
    withChatSession(
      ctx,
      store,
      async (session) => {
        const action = parseButton(ctx.callbackQuery.data);
        if (action?.kind !== "form" || !session.form || session.form.formId !== action.formId) {
          const closed = action?.kind === "form" && session.closedForm?.formId === action.formId;
          const text = t(ctx)(
            closed && session.closedForm ? CLOSED_FORM_TEXT[session.closedForm.how] : "form-expired",
          );
          return {
            afterCommit: async () => {
              await ctx.answerCallbackQuery({ text: plain(text), show_alert: !closed });
              await tolerateUneditable(ctx.editMessageReplyMarkup());
            },
          };
        }
        const plan = await planInput(ctx, session, session.form, action.input, "button");
        return {
          ...plan,
          afterCommit: async () => {
            await plan.afterCommit?.();
            // A rejection has answered with its reason already; every other press is answered here.
            await ctx.answerCallbackQuery().catch(() => undefined);
          },
        };
      },
      () => ctx.answerCallbackQuery({ text: t(ctx)("error-busy") }),
    ),
  );

  chat.on([...TAKEN_MESSAGES], (ctx, next) =>
    ctx.message.text?.startsWith("/")
      ? next()
      : withChatSession(
          ctx,
          store,
          async (session) => {
            if (!session.form && session.formMessageId !== undefined) {
              // The form expired while the customer was away: say so, close it, and offer a new one.
              return {
                next: { ...session, formMessageId: undefined },
                afterCommit: async () => {
                  await showOnMessage(ctx, session.formMessageId, t(ctx)("form-expired"));
                  await deps.outsideForm(ctx, session);
                },
                rerunOnRedelivery: true,
              };
            }
            if (!session.form) return carryOn(ctx, session);
            // A reply to a ticket's message is about that ticket, form or not.
            const repliedTo = ctx.message.reply_to_message;
            if (repliedTo?.from?.id === ctx.me.id && ticketMentioned(repliedTo) !== undefined)
              return carryOn(ctx);
            const input = messageInput(ctx.message);
            if (!input) return { afterCommit: () => ctx.reply(t(ctx)("error-not-expected-now")) };
            return planInput(ctx, session, session.form, input, "message");
          },
          replyBusy(ctx),
        ),
  );

  // Nothing of these can go into a ticket; silence would leave the customer wondering.
  chat.on(
    ["message:sticker", "message:poll", "message:dice", "message:story", "message:game"],
    // Through the session: the customer's chosen language, and a redelivered update answered once.
    (ctx) =>
      withChatSession(
        ctx,
        store,
        async () => ({ afterCommit: () => ctx.reply(t(ctx)("error-unsupported-message")) }),
        replyBusy(ctx),
      ),
  );

  // An edit to a message about a ticket reaches the ticket as a new comment. Edits during a form are not
  // taken back into it (the summary shows what will be sent, and Edit changes it), and the customer is told.
  chat.on(["edited_message:text", "edited_message:caption"], (ctx) =>
    withChatSession(
      ctx,
      store,
      async (session) =>
        session.form
          ? { afterCommit: () => ctx.reply(t(ctx)("form-edit-not-taken")) }
          : carryOn(ctx, session),
      replyBusy(ctx),
    ),
  );

  /** Turns one input into a session change and the Telegram calls that show it. */
  async function planInput(
    ctx: BridgeContext,
    session: ChatSession,
    form: IntakeForm,
    input: IntakeInput,
    via: "button" | "message",
  ): Promise<SessionPlan> {
    const outcome = applyInput(form, await withArticles(ctx, form, input), policy);
    const tr = t(ctx);
    switch (outcome.kind) {
      case "rejected": {
        // The form shows only the buttons its step takes, so a press it cannot take now comes from a
        // keyboard it has moved past: a double tap, or a message still on its way to being edited.
        if (via === "button" && outcome.rejection.reason === "not-expected-now") return {};
        const text = rejectionText(tr, outcome.rejection);
        return {
          afterCommit: () =>
            via === "button"
              ? ctx.answerCallbackQuery({ text: plain(text), show_alert: true })
              : ctx.reply(text, html),
        };
      }
      case "cancelled":
        return {
          next: closing(session, "cancelled"),
          afterCommit: () => showOnMessage(ctx, session.formMessageId, tr("form-cancelled")),
        };
      case "deflected":
        return {
          next: closing(session, "deflected"),
          afterCommit: async () => {
            // Counted first: a failed edit below must not lose the deflection (a redelivery is a duplicate).
            deps.onDeflected?.({
              requestId: outcome.form.requestId,
              locale: ctx.locale,
              articles: outcome.form.suggestedArticles ?? [],
            });
            await showOnMessage(ctx, session.formMessageId, renderDeflected(outcome.form, ctx.locale));
          },
        };
      case "submitted": {
        const { event, request } = submission(ctx, outcome.form);
        // Published before the form is removed: should the write fail, the retry publishes again and
        // routing de-duplicates by request id; the other order could lose the request.
        await deps.publisher.publish(event);
        return {
          next: closing(session, "submitted", request.submittedAt),
          submit: request,
          afterCommit: () => showOnMessage(ctx, session.formMessageId, tr("form-submitted")),
        };
      }
      case "updated": {
        const rendered = renderForm(outcome.form, ctx.locale, policy);
        const markup = { ...html, reply_markup: rendered.keyboard };
        if (via === "button") {
          const pressed = ctx.callbackQuery?.message?.message_id;
          const shownOn = session.formMessageId;
          const chatId = ctx.chat?.id;
          if (pressed === shownOn || shownOn === undefined || chatId === undefined) {
            return {
              next: { ...session, form: outcome.form },
              afterCommit: () => tolerateUneditable(ctx.editMessageText(rendered.text, markup)),
            };
          }
          // A button of an older message of this form, pressed before a typed input moved the form below:
          // show the form where it is now and retire the old buttons, so one message stays live.
          return {
            next: { ...session, form: outcome.form },
            afterCommit: async () => {
              await tolerateUneditable(ctx.api.editMessageText(chatId, shownOn, rendered.text, markup));
              await tolerateUneditable(ctx.editMessageReplyMarkup());
            },
          };
        }
        // Typed input moves the form below the customer's message so the next question stays in view.
        const sent = await ctx.reply(rendered.text, markup);
        const chatId = sent.chat.id;
        // A message that did not answer the form's question (another part of the description, text kept at a
        // button step) leaves the form above saying nothing the new one does not, so it goes; a message that
        // answered it leaves it, without buttons, as the question above the answer.
        const retire = (previous: number) => {
          const keepWithoutButtons = () =>
            tolerateUneditable(ctx.api.editMessageReplyMarkup(chatId, previous));
          return form.step === outcome.form.step
            ? ctx.api.deleteMessage(chatId, previous).catch(keepWithoutButtons)
            : keepWithoutButtons();
        };
        return {
          next: { ...session, form: outcome.form, formMessageId: sent.message_id },
          onConflict: () => ctx.api.deleteMessage(chatId, sent.message_id).catch(() => undefined),
          afterCommit: () =>
            session.formMessageId === undefined ? undefined : retire(session.formMessageId),
        };
      }
    }
  }

  /**
   * What the customer wrote that the pressed "New request" answered (the offer, or the "which request?"
   * question, replies to it): every message the question holds, or else the one replied to. Its text and
   * files open the new form's description; `release` lets a held burst go once the form has it.
   */
  /** The first of these held messages still held, taken, and its key. */
  async function takeFirst(chatId: number, keys: readonly string[]) {
    for (const key of keys) {
      const held = await deps.held?.take(chatId, key);
      if (held) return { key, held };
    }
    return undefined;
  }

  async function carriedMessages(
    ctx: BridgeContext,
  ): Promise<{ content: IntakeForm["carried"]; release?: () => Promise<void> } | undefined> {
    const message = ctx.callbackQuery?.message?.reply_to_message;
    const chatId = ctx.chat?.id;
    if (!message || message.from?.id !== ctx.from?.id || chatId === undefined) return undefined;
    // Telegram shows the replied-to message as it is now: an edit asked about on its own is held under its
    // edit date, an edit that took a held message's place under the message alone.
    const keys = [
      ...(message.edit_date === undefined
        ? []
        : [heldMessageKey({ messageId: message.message_id, editDate: message.edit_date })]),
      heldMessageKey({ messageId: message.message_id }),
    ];
    // Taken, so a message of the burst arriving from now on asks anew instead of being lost with the item.
    const taken = await takeFirst(chatId, keys);
    if (taken) {
      const { key, held } = taken;
      const parts = heldInOrder(held);
      return {
        content: {
          parts: parts.map((part) => part.text.trim()).filter(Boolean),
          attachments: parts.flatMap((part) => part.attachments),
          messages: parts.length,
        },
        release: () => deps.held?.release(chatId, key) ?? Promise.resolve(),
      };
    }
    if (message.text?.startsWith("/")) return undefined;
    const input = messageInput(message);
    if (input?.kind === "text")
      return { content: { parts: [input.text.trim()].filter(Boolean), attachments: [] } };
    if (input?.kind === "attachment") {
      return {
        content: { parts: [input.caption?.trim() ?? ""].filter(Boolean), attachments: [input.attachment] },
      };
    }
    return undefined;
  }

  /** Done on a description first looks up Help Center articles for it, briefly and never failing. */
  async function withArticles(
    ctx: BridgeContext,
    form: IntakeForm,
    input: IntakeInput,
  ): Promise<IntakeInput> {
    if (input.kind !== "done" || !deps.findArticles) return input;
    const text = articleSearchText(form, policy);
    return text === undefined ? input : { ...input, articles: await deps.findArticles(text, ctx.locale) };
  }

  /** Replaces the form message (buttons and all) with a closing line. */
  function showOnMessage(ctx: BridgeContext, messageId: number | undefined, text: string) {
    const chatId = ctx.chat?.id;
    if (messageId === undefined || chatId === undefined) return ctx.reply(text, html);
    return tolerateUneditable(ctx.api.editMessageText(chatId, messageId, text, html));
  }

  function submission(
    ctx: BridgeContext,
    form: IntakeForm,
  ): { event: IntakeSubmitted; request: RequestRecord } {
    const from = ctx.from;
    const chatId = ctx.chat?.id;
    if (!from || chatId === undefined || !form.category || !form.priority) {
      throw new Error("a confirmed form has a customer, a category and a priority");
    }
    const submittedAt = deps.clock.now().toISOString();
    const description = fullDescription(form);
    const event: IntakeSubmitted = {
      type: "IntakeSubmitted",
      requestId: form.requestId,
      submittedAt,
      chatId,
      customer: customerOf(from, ctx.locale),
      category: form.category,
      orderId: orderIdSent(form, policy),
      priority: form.priority,
      description,
      attachments: [...form.attachments],
      ...(form.suggestedArticles?.length ? { suggestedArticles: [...form.suggestedArticles] } : {}),
    };
    const request: RequestRecord = {
      requestId: form.requestId,
      chatId,
      telegramUserId: from.id,
      category: form.category,
      priority: form.priority,
      orderId: event.orderId,
      summary: preview(description),
      submittedAt,
      status: "submitted",
    };
    return { event, request };
  }

  return feature;
}
