import * as z from "../zod.js";
import { CATEGORIES } from "./routing/categories.js";

export const PRIORITIES = ["standard", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

/** A file the customer sent with the description; fetched from Telegram by whoever uploads it. */
export const attachmentSchema = z.object({
  kind: z.enum(["photo", "document", "voice", "video"]),
  fileId: z.string().check(z.minLength(1)),
  fileUniqueId: z.string().check(z.minLength(1)),
  fileName: z.optional(z.string()),
  mimeType: z.optional(z.string()),
  fileSize: z.optional(z.int().check(z.nonnegative())),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const customerSchema = z.object({
  telegramUserId: z.int().check(z.positive()),
  firstName: z.string(),
  lastName: z.optional(z.string()),
  username: z.optional(z.string()),
  locale: z.enum(LOCALES),
});
export type Customer = z.infer<typeof customerSchema>;

/** A Help Center article offered to the customer during intake, before any ticket. */
export const suggestedArticleSchema = z.object({
  title: z.string().check(z.minLength(1)),
  url: z.url({ protocol: /^https?$/ }),
});
export type SuggestedArticle = z.infer<typeof suggestedArticleSchema>;

/** A confirmed intake form: one customer issue, to become exactly one ticket. */
export const intakeSubmittedSchema = z.object({
  type: z.literal("IntakeSubmitted"),
  requestId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/)),
  submittedAt: z.iso.datetime(),
  chatId: z.int(),
  /** The forum topic the request was opened in (a support group with topics); replies go back there. */
  threadId: z.optional(z.int().check(z.positive())),
  customer: customerSchema,
  category: z.enum(CATEGORIES),
  orderId: z.nullable(z.string()),
  priority: z.enum(PRIORITIES),
  /** The whole description, the customer's messages joined in the order they were sent. */
  description: z.string(),
  attachments: z.array(attachmentSchema),
  /** Articles offered before the customer said they still needed help; absent when none were offered. */
  suggestedArticles: z.optional(z.array(suggestedArticleSchema)),
});
export type IntakeSubmitted = z.infer<typeof intakeSubmittedSchema>;

/** A customer's message about an existing ticket, to become a public comment by the requester. */
export const customerMessageSchema = z.object({
  type: z.literal("CustomerMessageReceived"),
  /** `<chatId>:<messageId>` (plus `:e<editDate>` for an edit): the same message never comments twice. */
  messageKey: z.string().check(z.regex(/^-?\d+:\d+(:e\d+)?$/)),
  ticketId: z.int().check(z.positive()),
  chatId: z.int(),
  customer: customerSchema,
  text: z.string(),
  edited: z.boolean(),
  attachments: z.array(attachmentSchema),
});
export type CustomerMessageReceived = z.infer<typeof customerMessageSchema>;

/** The customer's answer to a solved ticket's notice: reopen it, or rate the help from 1 to 5. */
export const ticketFeedbackSchema = z.object({
  type: z.literal("TicketFeedbackGiven"),
  /** `<chatId>:<noticeMessageId>:<kind>`: one reopen and one rating per notice, however often pressed. */
  feedbackKey: z.string().check(z.regex(/^-?\d+:\d+:(reopen|rating)$/)),
  ticketId: z.int().check(z.positive()),
  chatId: z.int(),
  customer: customerSchema,
  feedback: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("reopen") }),
    z.object({ kind: z.literal("rating"), score: z.int().check(z.minimum(1), z.maximum(5)) }),
  ]),
});
export type TicketFeedbackGiven = z.infer<typeof ticketFeedbackSchema>;

export const bridgeEventSchema = z.discriminatedUnion("type", [
  intakeSubmittedSchema,
  customerMessageSchema,
  ticketFeedbackSchema,
]);
export type BridgeEvent = z.infer<typeof bridgeEventSchema>;
export type BridgeEventType = BridgeEvent["type"];

/** The id a redelivered event keeps, used to process each event once. */
export function eventId(event: BridgeEvent): string {
  switch (event.type) {
    case "IntakeSubmitted":
      return `${event.type}:${event.requestId}`;
    case "CustomerMessageReceived":
      return `${event.type}:${event.messageKey}`;
    case "TicketFeedbackGiven":
      return `${event.type}:${event.feedbackKey}`;
  }
}
