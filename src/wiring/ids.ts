import { randomBytes } from "node:crypto";

/** A random URL-safe id of `length` characters (6 bits each), for form and request ids. */
export function randomId(length: number): string {
  return randomBytes(Math.ceil((length * 3) / 4))
    .toString("base64url")
    .slice(0, length);
}
