import type * as z from "../zod.js";
import type {
  attachmentSchema,
  bridgeEventSchema,
  customerMessageSchema,
  customerSchema,
  intakeSubmittedSchema,
  ticketFeedbackSchema,
} from "./event-schemas.js";
import type { suggestedArticleSchema } from "./suggested-article.js";

export const PRIORITIES = ["standard", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

/** The events and their parts; event-schemas.ts checks them where events arrive. */
export type Attachment = z.infer<typeof attachmentSchema>;
export type Customer = z.infer<typeof customerSchema>;
export type IntakeSubmitted = z.infer<typeof intakeSubmittedSchema>;
/** A customer's message before it is known which ticket it goes to. */
export type UnroutedMessage = Omit<CustomerMessageReceived, "ticketId">;
export type CustomerMessageReceived = z.infer<typeof customerMessageSchema>;
export type TicketFeedbackGiven = z.infer<typeof ticketFeedbackSchema>;
export type BridgeEvent = z.infer<typeof bridgeEventSchema>;
export type BridgeEventType = BridgeEvent["type"];
export type SuggestedArticle = z.infer<typeof suggestedArticleSchema>;

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
