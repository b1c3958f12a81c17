import type { Update } from "grammy/types";
import * as z from "zod";

/**
 * The parts of a Telegram Update the bot relies on, checked before grammY sees it. Unknown fields and
 * update kinds pass through untouched: Telegram adds new ones, and the bot ignores what it does not handle.
 */
const user = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  language_code: z.string().optional(),
});
const chat = z.looseObject({
  id: z.number().int(),
  type: z.enum(["private", "group", "supergroup", "channel"]),
});
const message = z.looseObject({
  message_id: z.number().int(),
  date: z.number().int(),
  chat,
  from: user.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  message_thread_id: z.number().int().optional(),
});

export const updateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: message.optional(),
  edited_message: message.optional(),
  channel_post: message.optional(),
  callback_query: z
    .looseObject({
      id: z.string().min(1),
      from: user,
      data: z.string().optional(),
      message: z.looseObject({ message_id: z.number().int(), chat }).optional(),
    })
    .optional(),
});

export type ParsedUpdate = { ok: true; update: Update } | { ok: false; reason: string };

export function parseUpdate(value: unknown): ParsedUpdate {
  const result = updateSchema.safeParse(value);
  if (result.success) return { ok: true, update: result.data as unknown as Update };
  const issue = result.error.issues[0];
  return { ok: false, reason: `${issue?.path.join(".") || "update"}: ${issue?.message}` };
}
