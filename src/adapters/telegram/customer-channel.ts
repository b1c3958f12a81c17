import { type Api, GrammyError, InlineKeyboard, InputFile } from "grammy";
import type { Attachment, Locale } from "../../domain/events.js";
import type { Category } from "../../domain/routing/categories.js";
import {
  type CustomerChannel,
  type CustomerNotice,
  CustomerUnreachable,
} from "../../ports/customer-channel.js";
import type { UploadedFile } from "../../ports/help-desk.js";
import { answerButton, continueFormButton } from "./callback-data.js";
import { escapeHtml } from "./html.js";
import { type Translate, translator } from "./i18n.js";
import { preview } from "./preview.js";
import { solvedNoticeKeyboard } from "./ticket-feedback-feature.js";

/** Bots may download files up to 20 MB through getFile, and upload up to 50 MB (photos 10 MB). */
export const BOT_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;
const BOT_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
const PHOTO_UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** The request a notice is about, as /status shows it: its category and the start of its description. */
function aboutLine(t: Translate, about: { category: Category; description: string }): string {
  const summary = preview(about.description);
  return `\n\n<i>${t(`category-${about.category}`)}${summary ? `: ${escapeHtml(summary)}` : ""}</i>`;
}

function noticeText(t: Translate, locale: Locale, notice: CustomerNotice): string {
  if (notice.kind === "ticket-created" && notice.about)
    return ticketNoticeText(t, locale, notice) + aboutLine(t, notice.about);
  return ticketNoticeText(t, locale, notice);
}

function ticketNoticeText(t: Translate, locale: Locale, notice: CustomerNotice): string {
  switch (notice.kind) {
    case "ticket-created": {
      const { minutes, businessHours } = notice.firstResponse;
      const within = {
        ticket: notice.ticketId,
        minutes,
        hours: minutes >= 60 ? Math.round(minutes / 60) : 0,
      };
      if (!businessHours) return t("ticket-created", within);
      // With the date: a holiday or a long weekend can put the deadline more than a week away.
      const due = new Intl.DateTimeFormat(locale, {
        weekday: "long",
        day: "numeric",
        month: "long",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone: businessHours.timeZone,
      }).format(businessHours.dueAt);
      return t("ticket-created-business-hours", { ...within, due, zone: businessHours.timeZone });
    }
    case "ticket-solved":
      return t("ticket-solved", { ticket: notice.ticketId });
    case "ticket-pending":
      return t("ticket-pending", { ticket: notice.ticketId });
    case "ticket-closed":
      return t("ticket-closed", { ticket: notice.ticketId });
    case "request-delayed":
      return t("request-delayed");
    case "question-unanswered":
      return t(notice.newRequestOnly ? "nudge-question-new" : "nudge-question");
    case "unsent-form":
      return t("nudge-form", {
        hours: notice.hoursLeft,
        about: notice.category ? ` (${t(`category-${notice.category}`)})` : "",
      });
  }
}

/** A nudge's way back: under the question it is about, or a button that shows the form again. */
function nudgeExtras(t: Translate, notice: CustomerNotice) {
  if (notice.kind === "question-unanswered")
    return {
      reply_parameters: { message_id: notice.questionMessageId, allow_sending_without_reply: true },
    };
  if (notice.kind === "unsent-form")
    return {
      reply_markup: new InlineKeyboard().text(t("button-continue"), continueFormButton(notice.formId)),
    };
  return {};
}

const DEFAULT_TYPES: Record<Attachment["kind"], [string, string]> = {
  photo: ["image/jpeg", "jpg"],
  document: ["application/octet-stream", "bin"],
  voice: ["audio/ogg", "ogg"],
  video: ["video/mp4", "mp4"],
};

const inTopic = (threadId: number | undefined) =>
  threadId === undefined ? {} : { message_thread_id: threadId };

/** The customer's Telegram chat, for the back office: notices in their language, and their files. */
export class TelegramCustomerChannel implements CustomerChannel {
  constructor(
    private readonly api: Api,
    private readonly fileUrl: (filePath: string) => string,
  ) {}

  async notify(chatId: number, locale: Locale, notice: CustomerNotice, threadId?: number): Promise<void> {
    const t = translator(locale);
    // Reopen and rating are the requester's to press, which a group topic cannot tell apart: private chats only.
    const keyboard =
      notice.kind === "ticket-solved" && threadId === undefined
        ? solvedNoticeKeyboard(t, notice.ticketId, true)
        : undefined;
    await this.send(() =>
      this.api.sendMessage(chatId, noticeText(t, locale, notice), {
        parse_mode: "HTML",
        ...inTopic(threadId),
        ...(keyboard ? { reply_markup: keyboard } : {}),
        ...nudgeExtras(t, notice),
      }),
    );
  }

  async sendReply(
    chatId: number,
    parts: readonly string[],
    threadId?: number,
    answering?: { readonly ticketId: number; readonly locale: Locale },
  ): Promise<void> {
    // The button answers this ticket whatever else is going on in the chat (another ticket, a new form).
    const answer =
      answering && threadId === undefined
        ? new InlineKeyboard().text(
            translator(answering.locale)("button-answer"),
            answerButton(answering.ticketId),
          )
        : undefined;
    for (const [n, part] of parts.entries()) {
      await this.send(() =>
        this.api.sendMessage(chatId, part, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...inTopic(threadId),
          ...(answer && n === parts.length - 1 ? { reply_markup: answer } : {}),
        }),
      );
    }
  }

  async sendFile(chatId: number, file: UploadedFile, caption: string, threadId?: number): Promise<boolean> {
    const isPhoto =
      file.contentType.startsWith("image/") && file.bytes.byteLength <= PHOTO_UPLOAD_LIMIT_BYTES;
    if (!isPhoto && file.bytes.byteLength > BOT_UPLOAD_LIMIT_BYTES) return false;
    const input = new InputFile(file.bytes, file.fileName);
    const options = { caption: caption.slice(0, 1024), ...inTopic(threadId) };
    await this.send(() =>
      isPhoto ? this.api.sendPhoto(chatId, input, options) : this.api.sendDocument(chatId, input, options),
    );
    return true;
  }

  /** A customer who blocked the bot or left is unreachable; retrying would only hammer Telegram. */
  private async send(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (error) {
      if (
        error instanceof GrammyError &&
        (error.error_code === 403 || /chat not found|user is deactivated/.test(error.description))
      ) {
        throw new CustomerUnreachable(error.description, { cause: error });
      }
      throw error;
    }
  }

  /**
   * The file, or undefined when Telegram will never hand it over (over the bot limit, an unknown or expired
   * file id, gone from its server): the ticket goes ahead without it. Failures that may pass are thrown.
   */
  async download(attachment: Attachment): Promise<UploadedFile | undefined> {
    if ((attachment.fileSize ?? 0) > BOT_DOWNLOAD_LIMIT_BYTES) return undefined;
    let filePath: string | undefined;
    try {
      filePath = (await this.api.getFile(attachment.fileId)).file_path;
    } catch (error) {
      // "file is too big" when the size was not in the update, "invalid file_id", "wrong file_id".
      if (error instanceof GrammyError && error.error_code === 400) return undefined;
      throw error;
    }
    if (!filePath) return undefined;
    // The download URL carries the bot token: it is used here and never logged.
    const response = await fetch(this.fileUrl(filePath), { signal: AbortSignal.timeout(20_000) });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Telegram file download failed with ${response.status}`);
    const [contentType, extension] = DEFAULT_TYPES[attachment.kind];
    return {
      fileName: attachment.fileName ?? `${attachment.kind}-${attachment.fileUniqueId}.${extension}`,
      contentType: attachment.mimeType ?? contentType,
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  }
}
