/**
 * A small multipart/form-data parser for Bot API uploads. It accepts both the canonical header form
 * (`Content-Disposition: form-data; name="x"; filename="a.jpg"`) and grammY's compact one
 * (`content-disposition:form-data;name="x";filename=a.jpg`).
 */
import type { UploadedFile } from "./params.js";

export interface MultipartBody {
  fields: Record<string, string>;
  files: Map<string, UploadedFile>;
}

/** Reads the boundary from a Content-Type header, or undefined when it has none. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function dispositionParam(disposition: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, "i").exec(
    disposition,
  );
  const value = match?.[1] ?? match?.[2]?.trim();
  return value?.replace(/\\(.)/g, "$1");
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Splits a multipart body into text fields and file parts (a part with a filename is a file). */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    let partStart = position + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break;
    if (body.subarray(partStart, partStart + 2).toString() === "\r\n") partStart += 2;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    // The CRLF before the next delimiter belongs to the delimiter, not to the content.
    const partEnd = body.subarray(next - 2, next).toString() === "\r\n" ? next - 2 : next;
    const part = body.subarray(partStart, partEnd);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = parseHeaders(part.subarray(0, headerEnd).toString("utf8"));
      const content = part.subarray(headerEnd + 4);
      const disposition = headers.get("content-disposition") ?? "";
      const name = dispositionParam(disposition, "name");
      const fileName = dispositionParam(disposition, "filename");
      if (name !== undefined && fileName !== undefined) {
        const contentType = headers.get("content-type") ?? "application/octet-stream";
        files.set(name, { fieldName: name, fileName, contentType, bytes: Buffer.from(content) });
      } else if (name !== undefined) {
        fields[name] = content.toString("utf8");
      }
    }
    position = next;
  }
  return { fields, files };
}
