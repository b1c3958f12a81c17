import type { ServerResponse } from "node:http";
import type { EmulatorContext } from "./context.js";
import { badRequest, recordNotFound } from "./errors.js";
import { isoSeconds, randomToken } from "./ids.js";
import { created, noContent, ok } from "./responses.js";
import type { Route } from "./router.js";
import type { EmulatorState, Upload } from "./state.js";
import type { Attachment } from "./types.js";

/** Unattached uploads expire after 60 minutes (Zendesk help article 4408887057946). */
const UPLOAD_LIFETIME_MS = 60 * 60 * 1000;

const MIME_BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  mp4: "video/mp4",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  mp3: "audio/mpeg",
  zip: "application/zip",
};

/** node-zendesk sends `application/binary` for streams, so a generic type is resolved from the file name. */
function contentTypeFor(fileName: string, header: string | undefined): string {
  const declared = header?.split(";")[0]?.trim().toLowerCase();
  const generic = !declared || declared === "application/binary" || declared === "application/octet-stream";
  if (!generic && !declared.startsWith("multipart/")) return declared;
  const extension = fileName.split(".").pop()?.toLowerCase() ?? "";
  return MIME_BY_EXTENSION[extension] ?? "application/octet-stream";
}

/** Stores file bytes and returns the attachment record; `content_url` is downloadable without auth. */
export function storeFile(
  state: EmulatorState,
  fileName: string,
  contentType: string,
  bytes: Buffer,
): Attachment {
  const id = state.ids.attachment.take();
  const fileToken = randomToken(25);
  const contentUrl = `${state.config.baseUrl}/attachments/token/${fileToken}/?name=${encodeURIComponent(fileName)}`;
  const attachment: Attachment = {
    id,
    url: state.apiUrl(`/attachments/${id}.json`),
    file_name: fileName,
    content_url: contentUrl,
    mapped_content_url: contentUrl,
    content_type: contentType,
    size: bytes.length,
    width: null,
    height: null,
    inline: false,
    deleted: false,
    malware_access_override: false,
    malware_scan_result: "malware_not_found",
    thumbnails: [],
  };
  state.attachments.set(id, attachment);
  state.files.set(fileToken, { attachmentId: id, bytes });
  return attachment;
}

export function createUpload(state: EmulatorState, attachment: Attachment, existing?: Upload): Upload {
  const upload = existing ?? {
    token: randomToken(25),
    attachmentIds: [],
    expiresAt: state.now().getTime() + UPLOAD_LIFETIME_MS,
    consumed: false,
  };
  upload.attachmentIds.push(attachment.id);
  state.uploads.set(upload.token, upload);
  return upload;
}

/**
 * Resolves `comment.uploads` tokens to attachments and consumes them. Unknown, expired or already used
 * tokens are skipped: Zendesk does not fail the ticket update, the comment simply has no such attachment.
 */
export function claimUploads(state: EmulatorState, tokens: readonly string[]): Attachment[] {
  const attachments: Attachment[] = [];
  const nowMs = state.now().getTime();
  for (const token of tokens) {
    const upload = state.uploads.get(token);
    if (!upload || upload.consumed || upload.expiresAt <= nowMs) continue;
    upload.consumed = true;
    for (const id of upload.attachmentIds) {
      const attachment = state.attachments.get(id);
      if (attachment) attachments.push(attachment);
    }
  }
  return attachments;
}

function uploadBody(state: EmulatorState, upload: Upload, attachment: Attachment) {
  return {
    upload: {
      token: upload.token,
      expires_at: isoSeconds(new Date(upload.expiresAt)),
      attachments: upload.attachmentIds.map((id) => state.attachments.get(id)),
      attachment,
    },
  };
}

export function uploadRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: "POST",
      pattern: "/uploads",
      rawBody: true,
      handler: (req) => {
        const fileName = req.query.get("filename");
        if (!fileName)
          throw badRequest("ParameterMissing", "param is missing or the value is empty: filename");
        const groupToken = req.query.get("token");
        const existing = groupToken ? state.uploads.get(groupToken) : undefined;
        if (groupToken && (!existing || existing.consumed)) throw recordNotFound();
        const attachment = storeFile(
          state,
          fileName,
          contentTypeFor(fileName, req.headers["content-type"]),
          req.raw,
        );
        return created(uploadBody(state, createUpload(state, attachment, existing), attachment));
      },
    },
    {
      method: "DELETE",
      pattern: "/uploads/:token",
      handler: (req) => {
        if (!state.uploads.delete(req.params.token ?? "")) throw recordNotFound();
        return noContent();
      },
    },
    {
      method: "GET",
      pattern: "/attachments/:id",
      handler: (req) => {
        const attachment = state.attachments.get(Number(req.params.id));
        if (!attachment) throw recordNotFound();
        return ok({ attachment });
      },
    },
  ];
}

/** Serves `GET /attachments/token/{token}/?name=...`, the public `content_url` of an attachment. */
export function serveAttachment(state: EmulatorState, pathname: string, res: ServerResponse): boolean {
  const match = /^\/attachments\/token\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return false;
  const file = state.files.get(match[1]);
  const attachment = file ? state.attachments.get(file.attachmentId) : undefined;
  if (!file || !attachment) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("Not found");
    return true;
  }
  res
    .writeHead(200, {
      "Content-Type": attachment.content_type,
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `attachment; filename="${encodeURIComponent(attachment.file_name)}"`,
    })
    .end(file.bytes);
  return true;
}
