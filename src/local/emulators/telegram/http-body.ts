/** Reading Bot API request bodies: JSON, urlencoded or multipart, plus query-string parameters, capped at 50 MB. */
import type { IncomingMessage } from "node:http";
import { badRequest, entityTooLarge } from "./errors.js";
import { multipartBoundary, parseMultipart } from "./multipart.js";
import { Params, type UploadedFile } from "./params.js";

/** Telegram's upload limit for bots; a bigger request is answered with 413. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
/** Room for the multipart envelope around a file of exactly the limit. */
const ENVELOPE_ALLOWANCE = 64 * 1024;

/** Reads the whole body; 413 as soon as it passes the limit (the caller drains the rest while answering). */
export async function readBody(
  req: IncomingMessage,
  limit = UPLOAD_LIMIT_BYTES + ENVELOPE_ALLOWANCE,
): Promise<Buffer> {
  if (Number(req.headers["content-length"] ?? 0) > limit) throw entityTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw entityTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const values: Record<string, unknown> = Object.fromEntries(url.searchParams);
  let files = new Map<string, UploadedFile>();
  const body = await readBody(req);
  const contentType = req.headers["content-type"] ?? "";
  if (body.length > 0) {
    if (contentType.includes("application/json")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString("utf8"));
      } catch {
        throw badRequest("can't parse JSON object");
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw badRequest("JSON object expected");
      }
      Object.assign(values, parsed);
    } else if (contentType.includes("multipart/form-data")) {
      const boundary = multipartBoundary(contentType);
      if (!boundary) throw badRequest("can't parse multipart/form-data: boundary not found");
      const parsed = parseMultipart(body, boundary);
      Object.assign(values, parsed.fields);
      files = parsed.files;
    } else {
      Object.assign(values, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
    }
  }
  const tooBig = [...files.values()].some((file) => file.bytes.length > UPLOAD_LIMIT_BYTES);
  if (tooBig) throw entityTooLarge();
  return new Params(values, files);
}
