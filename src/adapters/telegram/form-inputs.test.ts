import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { Rejection } from "../../domain/intake/transitions.js";
import { messageInput, rejectionText } from "./form-inputs.js";
import { translator } from "./i18n.js";

const message = (content: Partial<Message>) =>
  ({ message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "Ann" }, ...content }) as Message;

describe("messageInput", () => {
  it("takes text as text, placed by its message id", () => {
    expect(messageInput(message({ text: "hello" }))).toEqual({ kind: "text", text: "hello", order: 1 });
  });

  it("takes the largest size of a photo, with its caption", () => {
    const photo = message({
      photo: [
        { file_id: "small", file_unique_id: "s", width: 90, height: 90, file_size: 100 },
        { file_id: "large", file_unique_id: "l", width: 1280, height: 1280, file_size: 9000 },
      ],
      caption: "the label",
    });
    expect(messageInput(photo)).toEqual({
      kind: "attachment",
      attachment: { kind: "photo", fileId: "large", fileUniqueId: "l", fileSize: 9000 },
      caption: "the label",
      order: 1,
    });
  });

  it("keeps a document's file name and MIME type", () => {
    const document = message({
      document: {
        file_id: "d",
        file_unique_id: "du",
        file_name: "invoice.pdf",
        mime_type: "application/pdf",
      },
    });
    expect(messageInput(document)).toMatchObject({
      kind: "attachment",
      attachment: { kind: "document", fileName: "invoice.pdf", mimeType: "application/pdf" },
    });
  });

  it("takes a music file as a document, with its name and type, and a round video note as a video", () => {
    const audio = message({
      audio: {
        file_id: "a",
        file_unique_id: "au",
        duration: 60,
        file_name: "call.mp3",
        mime_type: "audio/mpeg",
      },
    });
    expect(messageInput(audio)).toMatchObject({
      kind: "attachment",
      attachment: { kind: "document", fileName: "call.mp3", mimeType: "audio/mpeg" },
    });
    const note = message({ video_note: { file_id: "v", file_unique_id: "vu", length: 240, duration: 5 } });
    expect(messageInput(note)).toMatchObject({
      kind: "attachment",
      attachment: { kind: "video", fileId: "v" },
    });
  });

  it("takes a voice message as an attachment", () => {
    const voice = message({
      voice: { file_id: "v", file_unique_id: "vu", duration: 3, mime_type: "audio/ogg" },
    });
    expect(messageInput(voice)).toMatchObject({ attachment: { kind: "voice", mimeType: "audio/ogg" } });
  });

  it("takes nothing from a sticker", () => {
    const sticker = message({ sticker: { file_id: "s" } as Message["sticker"] });
    expect(messageInput(sticker)).toBeUndefined();
  });
});

describe("rejectionText", () => {
  const t = translator("en");

  it.each<[Rejection, string]>([
    [{ reason: "invalid-order-id", example: "A-10023", required: false }, "<code>A-10023</code>"],
    [{ reason: "order-id-required" }, "needs an order ID"],
    [{ reason: "description-empty" }, "describe the problem first"],
    [
      { reason: "description-too-long", maxChars: 30000 },
      "longer than 30,000 characters. What you sent before is kept",
    ],
    [{ reason: "too-many-attachments", max: 10 }, "up to 10 files"],
    [{ reason: "not-expected-now" }, "/cancel"],
  ])("explains %j", (rejection, expected) => {
    expect(rejectionText(t, rejection)).toContain(expected);
  });

  it("says where to find an order ID only when the category cannot go without one", () => {
    const where =
      "You can find it in your order confirmation email; without one, press <b>Back</b> and choose another category.";
    const rejection = { reason: "invalid-order-id", example: "A-10023" } as const;
    expect(rejectionText(t, { ...rejection, required: true })).toMatch(
      new RegExp(`Please try again\\. ${where}$`),
    );
    expect(rejectionText(t, { ...rejection, required: false })).not.toContain(where);
  });
});
