import type { Message } from "grammy/types";
import type { Attachment } from "../../domain/events.js";
import type { IntakeInput, Rejection } from "../../domain/intake/transitions.js";
import type { Translate } from "./i18n.js";

/** The form input a customer's message stands for, or nothing for message kinds the form does not take. */
export function messageInput(message: Message): IntakeInput | undefined {
  const order = message.message_id;
  if (message.text !== undefined) return { kind: "text", text: message.text, order };
  const attachment = attachmentOf(message);
  return attachment ? { kind: "attachment", attachment, caption: message.caption, order } : undefined;
}

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
  const file = message.document ?? message.video ?? message.voice;
  if (!file) return undefined;
  const kind = message.document ? "document" : message.video ? "video" : "voice";
  return {
    kind,
    fileId: file.file_id,
    fileUniqueId: file.file_unique_id,
    fileName: "file_name" in file ? file.file_name : undefined,
    mimeType: file.mime_type,
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
