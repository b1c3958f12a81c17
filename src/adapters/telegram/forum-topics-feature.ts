import { Composer } from "grammy";
import type { Message } from "grammy/types";
import type { Customer, UnroutedMessage } from "../../domain/events.js";
import type { EventPublisher } from "../../ports/event-publisher.js";
import type { IntakeStore } from "../../ports/intake-store.js";
import type { TopicLinks } from "../../ports/ticket-links.js";
import { type BridgeContext, customerMessageKey, customerOf } from "./bot-context.js";
import { withChatSession } from "./chat-session.js";
import { messageInput, messageText, TAKEN_MESSAGES } from "./form-inputs.js";
import { translator } from "./i18n.js";

export interface ForumTopicsDeps {
  store: IntakeStore;
  publisher: EventPublisher;
  topics: TopicLinks;
}

/** The request a topic's first message opens: one per topic, so its id follows from the topic. */
export const topicRequestId = (chatId: number, threadId: number) => `topic_${Math.abs(chatId)}_${threadId}`;

/**
 * A support group with topics: each topic is its own ticket. The first message in a topic opens a ticket
 * straight away (no form: the group's members describe the issue in the topic), written as the sender,
 * with category "other" for the router to classify; every later message, and every edit, becomes a public
 * comment on that ticket. Agent replies come back into the topic. The General topic is left alone.
 * A message that arrives while the topic's ticket is still being made waits for it (as a private chat's
 * message right after Confirm does) and is posted on it once made.
 */
export function forumTopicsFeature(deps: ForumTopicsDeps): Composer<BridgeContext> {
  const feature = new Composer<BridgeContext>();
  const topicMessages = feature.chatType("supergroup").filter((ctx) => {
    const message = ctx.msg;
    return (
      ctx.chat.is_forum === true &&
      message?.is_topic_message === true &&
      message.message_thread_id !== undefined &&
      !message.text?.startsWith("/")
    );
  });
  topicMessages.on([...TAKEN_MESSAGES, "edited_message:text", "edited_message:caption"], (ctx) =>
    withChatSession(
      ctx,
      deps.store,
      // Everything it sends on is keyed by the message: a failure is safe to run again on the redelivery.
      async () => ({ afterCommit: () => relayTopicMessage(ctx, deps), rerunOnRedelivery: true }),
      () => ctx.reply(translator(ctx.locale)("error-busy")),
    ),
  );
  return feature;
}

async function relayTopicMessage(ctx: BridgeContext, deps: ForumTopicsDeps): Promise<unknown> {
  const message = ctx.msg as Message & { message_thread_id: number };
  const from = ctx.from;
  if (!from) return;
  const chatId = message.chat.id;
  const threadId = message.message_thread_id;
  const customer: Customer = customerOf(from, ctx.locale);
  const text = messageText(message);
  const input = messageInput(message);
  const attachments = input?.kind === "attachment" ? [input.attachment] : [];
  const edited = ctx.editedMessage !== undefined;
  const received: UnroutedMessage = {
    type: "CustomerMessageReceived",
    messageKey: customerMessageKey(chatId, message.message_id, edited ? (message.edit_date ?? 0) : undefined),
    chatId,
    customer,
    text,
    edited,
    attachments,
  };
  const commentOn = (ticketId: number) => deps.publisher.publish({ ...received, ticketId });
  const topic = await deps.topics.find(chatId, threadId);
  if (topic?.ticketId !== undefined) return commentOn(topic.ticketId);
  const requestId = topic?.requestId ?? topicRequestId(chatId, threadId);
  // The claiming message run again (its request may never have been published): routing files it once.
  const claimer = topic
    ? topic.claimedBy === message.message_id && !edited
    : await deps.topics.claim(chatId, threadId, requestId, message.message_id);
  if (claimer)
    return deps.publisher.publish({
      type: "IntakeSubmitted",
      requestId,
      submittedAt: new Date(message.date * 1000).toISOString(),
      chatId,
      threadId,
      customer,
      category: "other",
      orderId: null,
      priority: "standard",
      description: text,
      attachments,
    });
  // The topic's ticket is being made (a burst of first messages, or Zendesk slow or down): the message waits
  // on the topic's request, and routing posts it on the ticket once linked.
  const t = translator(ctx.locale);
  if (await deps.store.addWhileFiling(requestId, received, { unsavedRequest: true }))
    return ctx
      .react("👍")
      .catch(() => ctx.reply(t("topic-message-kept"), replyTo(message)))
      .catch(() => undefined);
  // Linked since the topic was read; or the request keeps as many messages as it may.
  const linked = await deps.topics.find(chatId, threadId);
  if (linked?.ticketId !== undefined) return commentOn(linked.ticketId);
  return ctx.reply(t("topic-ticket-pending"), replyTo(message));
}

const replyTo = (message: Message) => ({
  reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
});
