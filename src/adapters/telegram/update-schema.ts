import type { Update } from "grammy/types";
import * as z from "../../zod.js";

/**
 * The parts of a Telegram Update the bot relies on, checked before grammY sees it. Unknown fields and
 * update kinds pass through untouched: Telegram adds new ones, and the bot ignores what it does not handle.
 */
const user = z.looseObject({
  id: z.int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  language_code: z.optional(z.string()),
});
const chat = z.looseObject({
  id: z.int(),
  type: z.enum(["private", "group", "supergroup", "channel"]),
});
const message = z.looseObject({
  message_id: z.int(),
  date: z.int(),
  chat,
  from: z.optional(user),
  text: z.optional(z.string()),
  caption: z.optional(z.string()),
  message_thread_id: z.optional(z.int()),
});

export const updateSchema = z.looseObject({
  update_id: z.int().check(z.nonnegative()),
  message: z.optional(message),
  edited_message: z.optional(message),
  channel_post: z.optional(message),
  callback_query: z.optional(
    z.looseObject({
      id: z.string().check(z.minLength(1)),
      from: user,
      data: z.optional(z.string()),
      message: z.optional(z.looseObject({ message_id: z.int(), chat })),
    }),
  ),
});

export type ParsedUpdate = { ok: true; update: Update } | { ok: false; reason: string };

export function parseUpdate(value: unknown): ParsedUpdate {
  const result = updateSchema.safeParse(value);
  if (result.success) return { ok: true, update: result.data as unknown as Update };
  const issue = result.error.issues[0];
  return { ok: false, reason: `${issue?.path.join(".") || "update"}: ${issue?.message}` };
}
