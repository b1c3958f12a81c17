import type { Api } from "grammy";
import type { Attachment, Locale } from "../../domain/events.js";
import type { CustomerChannel, CustomerNotice } from "../../ports/customer-channel.js";
import type { UploadedFile } from "../../ports/help-desk.js";
import { translator } from "./i18n.js";

/** Bots may download files up to 20 MB through getFile. */
export const BOT_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

const DEFAULT_TYPES: Record<Attachment["kind"], [string, string]> = {
  photo: ["image/jpeg", "jpg"],
  document: ["application/octet-stream", "bin"],
  voice: ["audio/ogg", "ogg"],
  video: ["video/mp4", "mp4"],
};

/** The customer's Telegram chat, for the back office: notices in their language, and their files. */
export class TelegramCustomerChannel implements CustomerChannel {
  constructor(
    private readonly api: Api,
    private readonly fileUrl: (filePath: string) => string,
  ) {}

  async notify(chatId: number, locale: Locale, notice: CustomerNotice): Promise<void> {
    const t = translator(locale);
    const hours = notice.firstResponseMinutes >= 60 ? Math.round(notice.firstResponseMinutes / 60) : 0;
    const text = t("ticket-created", {
      ticket: notice.ticketId,
      minutes: notice.firstResponseMinutes,
      hours,
    });
    await this.api.sendMessage(chatId, text, { parse_mode: "HTML" });
  }

  async download(attachment: Attachment): Promise<UploadedFile | undefined> {
    if ((attachment.fileSize ?? 0) > BOT_DOWNLOAD_LIMIT_BYTES) return undefined;
    const file = await this.api.getFile(attachment.fileId);
    if (!file.file_path) return undefined;
    // The download URL carries the bot token: it is used here and never logged.
    const response = await fetch(this.fileUrl(file.file_path), { signal: AbortSignal.timeout(20_000) });
    if (!response.ok) throw new Error(`Telegram file download failed with ${response.status}`);
    const [contentType, extension] = DEFAULT_TYPES[attachment.kind];
    return {
      fileName: attachment.fileName ?? `${attachment.kind}-${attachment.fileUniqueId}.${extension}`,
      contentType: attachment.mimeType ?? contentType,
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  }
}
