import type { Message } from "grammy/types";
import type { Attachment } from "../../domain/events.js";
import type { IntakeInput, Rejection } from "../../domain/intake/transitions.js";
import type { Translate } from "./i18n.js";

/** The kinds of message `messageInput` takes, as grammY filter queries. */
export const TAKEN_MESSAGES = [
  "message:text",
  "message:photo",
  "message:document",
  "message:voice",
  "message:video",
  "message:location",
  "message:contact",
  "message:audio",
  "message:video_note",
] as const;

/** The form input a customer's message stands for, or nothing for message kinds the form does not take. */
export function messageInput(message: Message): IntakeInput | undefined {
  const order = message.message_id;
  if (message.text !== undefined) return { kind: "text", text: message.text, order };
  const attachment = attachmentOf(message);
  if (attachment) return { kind: "attachment", attachment, caption: message.caption, order };
  const shared = sharedText(message);
  return shared === undefined ? undefined : { kind: "text", text: shared, order };
}

/** What a message says in words: its text or caption, or the place or contact it shares, written out. */
export function messageText(message: Message): string {
  return message.text ?? message.caption ?? sharedText(message) ?? "";
}

/**
 * A shared place or contact as the agents read it: "where it should have been delivered" is a pin, and the
 * ticket needs its address and a map link. Telegram sends a venue with its location, so the venue comes first.
 */
function sharedText({ venue, location, contact }: Message): string | undefined {
  if (venue) return `📍 ${venue.title}, ${venue.address}\n${mapLink(venue.location)}`;
  if (location)
    return `📍 ${location.latitude.toFixed(6)}, ${location.longitude.toFixed(6)}\n${mapLink(location)}`;
  if (contact)
    return `👤 ${[contact.first_name, contact.last_name].filter(Boolean).join(" ")}, ${contact.phone_number}`;
  return undefined;
}

const mapLink = ({ latitude, longitude }: { latitude: number; longitude: number }) =>
  `https://maps.google.com/?q=${latitude.toFixed(6)},${longitude.toFixed(6)}`;

function attachmentOf(message: Message): Attachment | undefined {
  // Telegram sends several sizes of a photo, smallest first; the ticket gets the largest.
  const photo = message.photo?.at(-1);
  if (photo)
    return {
      kind: "photo",
      fileId: photo.file_id,
      fileUniqueId: photo.file_unique_id,
      fileSize: photo.file_size,
    };
  // A round video note is a video, and a music file (sent as audio) a document the agent opens.
  const file = message.document ?? message.audio ?? message.video ?? message.video_note ?? message.voice;
  if (!file) return undefined;
  const kind =
    message.document || message.audio ? "document" : message.video || message.video_note ? "video" : "voice";
  return {
    kind,
    fileId: file.file_id,
    fileUniqueId: file.file_unique_id,
    fileName: "file_name" in file ? file.file_name : undefined,
    mimeType: "mime_type" in file ? file.mime_type : undefined,
    fileSize: file.file_size,
  };
}

export function rejectionText(t: Translate, rejection: Rejection): string {
  switch (rejection.reason) {
    case "invalid-order-id": {
      const retry = t("error-invalid-order-id", { example: rejection.example });
      return rejection.required ? `${retry} ${t("order-id-where-to-find")}` : retry;
    }
    case "description-too-long":
      return t("error-description-too-long", { max: rejection.maxChars });
    case "too-many-attachments":
      return t("error-too-many-attachments", { max: rejection.max });
    case "too-many-messages":
      return t("error-too-many-messages", { max: rejection.max });
    default:
      return t(`error-${rejection.reason}`);
  }
}
