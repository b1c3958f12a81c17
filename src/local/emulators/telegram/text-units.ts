import type { MessageEntity } from "grammy/types";

/** Bytes past the end read as NUL, the way TDLib's parsers read their C strings. */
export const byteAt = (bytes: Uint8Array, index: number): number => bytes[index] ?? 0;

/** TDLib's `is_space`, which counts the terminating NUL as space. */
export const isSpace = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x00 || c === 0x0b;

/** UTF-16 code units one UTF-8 byte adds: 0 for a continuation byte, 2 for the lead of a 4-byte sequence. */
export const utf16UnitsOfByte = (c: number): number => ((c & 0xc0) === 0x80 ? 0 : c >= 0xf0 ? 2 : 1);

export function appendUtf8(out: number[], codePoint: number): void {
  for (const byte of Buffer.from(String.fromCodePoint(codePoint), "utf8")) out.push(byte);
}

/** Telegram measures text limits and entity offsets in UTF-16 code units, which is what JS `length` counts. */
export const utf16Length = (text: string): number => text.length;

/** Orders entities as Telegram returns them: by offset, then longer (outer) first. */
export const sortEntities = (entities: MessageEntity[]): MessageEntity[] =>
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
