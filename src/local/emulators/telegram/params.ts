/**
 * Typed access to Bot API parameters. Telegram accepts every parameter as a string (query string, form field,
 * multipart part) or as its JSON type, and JSON-encoded strings for objects and arrays; so does this reader.
 */
import { badRequest } from "./errors.js";

/** A file part of a multipart upload. */
export interface UploadedFile {
  fieldName: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export class Params {
  constructor(
    readonly values: Record<string, unknown>,
    readonly files: ReadonlyMap<string, UploadedFile> = new Map(),
  ) {}

  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== "";
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    return typeof value === "string" ? value : String(value);
  }

  requiredString(name: string, missing: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw badRequest(missing);
    return value;
  }

  int(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    const parsed = typeof value === "number" ? value : Number(String(value).trim());
    if (!Number.isInteger(parsed)) throw badRequest(`invalid ${name} specified`);
    return parsed;
  }

  bool(name: string): boolean {
    const value = this.values[name];
    return value === true || value === "true" || value === "1" || value === 1;
  }

  /** An object or array parameter, given as JSON or as a JSON-encoded string. */
  json(name: string, invalid: string): unknown {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(invalid);
    }
  }

  /** A file given as an upload (`attach://<part>` or a part named like the parameter) or as a string. */
  input(name: string): { upload: UploadedFile } | { reference: string } | undefined {
    const direct = this.files.get(name);
    if (direct) return { upload: direct };
    const value = this.string(name);
    if (value === undefined || value === "") return undefined;
    if (value.startsWith("attach://")) {
      const upload = this.files.get(value.slice("attach://".length));
      return upload ? { upload } : undefined;
    }
    return { reference: value };
  }

  /** A JSON-friendly copy for the call log: uploads become `{ fileName, size }`. */
  forLog(): Record<string, unknown> {
    const copy: Record<string, unknown> = { ...this.values };
    for (const [key, file] of this.files) {
      const field = Object.entries(copy).find(([, v]) => v === `attach://${key}`)?.[0] ?? key;
      copy[field] = { fileName: file.fileName, size: file.bytes.length };
    }
    return copy;
  }
}
