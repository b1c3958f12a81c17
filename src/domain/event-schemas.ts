import * as z from "../zod.js";
import { LOCALES, PRIORITIES } from "./events.js";
import { CATEGORIES } from "./routing/categories.js";
import { suggestedArticleSchema } from "./suggested-article.js";

// The events' contract, checked where events arrive (the routing function, the local bus, dead letters).
// Apart from the types in events.ts, so that a function that only sends events never builds these.

/** A file the customer sent with the description; fetched from Telegram by whoever uploads it. */
export const attachmentSchema = z.object({
  kind: z.enum(["photo", "document", "voice", "video"]),
  fileId: z.string().check(z.minLength(1)),
  fileUniqueId: z.string().check(z.minLength(1)),
  fileName: z.optional(z.string()),
  mimeType: z.optional(z.string()),
  fileSize: z.optional(z.int().check(z.nonnegative())),
});

export const customerSchema = z.object({
  telegramUserId: z.int().check(z.positive()),
  firstName: z.string(),
  lastName: z.optional(z.string()),
  username: z.optional(z.string()),
  locale: z.enum(LOCALES),
});

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

/** A customer's message about an existing ticket, to become a public comment by the requester. */
export const customerMessageSchema = z.object({
  type: z.literal("CustomerMessageReceived"),
  /**
   * `<chatId>:<messageId>` (plus `:e<editDate>` for an edit, `+<n>` for a burst sent as one with the n
   * messages after it): the same message never comments twice.
   */
  messageKey: z.string().check(z.regex(/^-?\d+:\d+(:e\d+)?(\+\d+)?$/)),
  ticketId: z.int().check(z.positive()),
  chatId: z.int(),
  customer: customerSchema,
  text: z.string(),
  edited: z.boolean(),
  attachments: z.array(attachmentSchema),
});

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

export const bridgeEventSchema = z.discriminatedUnion("type", [
  intakeSubmittedSchema,
  customerMessageSchema,
  ticketFeedbackSchema,
]);
