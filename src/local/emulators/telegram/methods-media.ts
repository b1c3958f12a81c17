/**
 * Sending photos, documents and voice notes, and `getFile`. Uploads (multipart) are stored so that `getFile`
 * and the `/file/bot<token>/<path>` download give the same bytes back. A URL is accepted without being fetched.
 */
import type { File, Message, PhotoSize } from "grammy/types";
import { badRequest } from "./errors.js";
import { formatCaption } from "./formatting.js";
import { prepareSend, readReplyMarkup, requireChatId, storeBotMessage } from "./message-sending.js";
import type { MethodContext } from "./method-context.js";
import type { Params, UploadedFile } from "./params.js";
import type { StoredFile } from "./state.js";

/** getFile serves files up to 20 MB; bigger ones exist but cannot be downloaded by bots. */
export const DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

type MediaKind = "photo" | "document" | "voice";

const FOLDER: Record<MediaKind, StoredFile["folder"]> = {
  photo: "photos",
  document: "documents",
  voice: "voice",
};
const KIND_NAME: Record<StoredFile["folder"], string> = {
  photos: "Photo",
  documents: "Document",
  voice: "Voice",
};

const MIME_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  txt: "text/plain",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  zip: "application/zip",
  json: "application/json",
  csv: "text/csv",
};

export const extensionOf = (fileName: string): string =>
  /\.([a-z0-9]{1,8})$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
export const mimeTypeOf = (fileName: string): string =>
  MIME_TYPES[extensionOf(fileName)] ?? "application/octet-stream";

function resolveInputFile(
  params: Params,
  ctx: MethodContext,
  kind: MediaKind,
): { file: StoredFile; name: string } {
  const input = params.input(kind);
  if (!input) throw badRequest(`there is no ${kind} in the request`);
  const folder = FOLDER[kind];
  if ("upload" in input) return { file: storeUpload(ctx, folder, input.upload), name: input.upload.fileName };
  const known = ctx.state.files.get(input.reference);
  if (known) {
    if (known.folder !== folder) {
      throw badRequest(`can't use file of type ${KIND_NAME[known.folder]} as ${KIND_NAME[folder]}`);
    }
    return { file: known, name: `file.${known.extension}` };
  }
  if (/^https?:\/\//i.test(input.reference)) {
    const name = new URL(input.reference).pathname.split("/").pop() || `file.${kind}`;
    return { file: ctx.state.registerFile(folder, extensionOf(name) || "dat", undefined, 0), name };
  }
  throw badRequest("wrong file identifier/HTTP URL specified");
}

function storeUpload(ctx: MethodContext, folder: StoredFile["folder"], upload: UploadedFile): StoredFile {
  const fallback = { photos: "jpg", documents: "dat", voice: "oga" }[folder];
  return ctx.state.registerFile(folder, extensionOf(upload.fileName) || fallback, upload.bytes);
}

function mediaContent(
  kind: MediaKind,
  file: StoredFile,
  name: string,
  params: Params,
): Record<string, unknown> {
  const ids = { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.size };
  if (kind === "photo") {
    const sizes: PhotoSize[] = [
      { ...ids, width: 90, height: 90 },
      { ...ids, width: 1280, height: 1280 },
    ];
    return { photo: sizes };
  }
  if (kind === "voice") {
    return { voice: { ...ids, duration: params.int("duration") ?? 1, mime_type: "audio/ogg" } };
  }
  return { document: { ...ids, file_name: name, mime_type: mimeTypeOf(name) } };
}

function sendMedia(kind: MediaKind, params: Params, ctx: MethodContext): Message {
  const chatId = requireChatId(params);
  const caption = formatCaption({
    text: params.string("caption") ?? "",
    parseMode: params.string("parse_mode"),
    entities: params.json("caption_entities", "can't parse entities JSON object") as never,
  });
  const markup = readReplyMarkup(params);
  const { file, name } = resolveInputFile(params, ctx, kind);
  const send = prepareSend(ctx, params, chatId);
  const content = {
    ...mediaContent(kind, file, name, params),
    ...(caption.text ? { caption: caption.text } : {}),
    ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}),
  };
  return storeBotMessage(ctx, send, content, markup);
}

export const sendPhoto = (params: Params, ctx: MethodContext) => sendMedia("photo", params, ctx);
export const sendDocument = (params: Params, ctx: MethodContext) => sendMedia("document", params, ctx);
export const sendVoice = (params: Params, ctx: MethodContext) => sendMedia("voice", params, ctx);

export function getFile(params: Params, ctx: MethodContext): File {
  const file = ctx.state.files.get(params.string("file_id") ?? "");
  if (!file) throw badRequest("invalid file_id");
  if (file.size > DOWNLOAD_LIMIT_BYTES) throw badRequest("file is too big");
  if (!file.filePath) {
    file.filePath = `${file.folder}/file_${ctx.state.filesByPath.size}.${file.extension}`;
    ctx.state.filesByPath.set(file.filePath, file);
  }
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.size,
    file_path: file.filePath,
  };
}
