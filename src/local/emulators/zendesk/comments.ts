import type { EmulatorState } from "./state.js";
import type { Attachment, Comment, Via } from "./types.js";

const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The `html_body` Zendesk renders for a plain-text comment: paragraphs, line breaks kept. */
export function htmlFromPlain(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
  return `<div class="zd-comment" dir="auto">${paragraphs}</div>`;
}

/** The plain `body` Zendesk derives from an `html_body`. */
export function plainFromHtml(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h\d)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export interface CommentContent {
  body?: string;
  htmlBody?: string;
  public: boolean;
}

export function viaFor(channel: "api" | "web"): Via {
  return { channel, source: { from: {}, to: {}, rel: null } };
}

export function appendComment(
  state: EmulatorState,
  ticketId: number,
  content: CommentContent,
  authorId: number,
  auditId: number,
  attachments: Attachment[],
  via: Via,
): Comment {
  const body = content.body ?? plainFromHtml(content.htmlBody ?? "");
  const comment: Comment = {
    id: state.ids.comment.take(),
    type: "Comment",
    author_id: authorId,
    body,
    html_body: content.htmlBody ?? htmlFromPlain(body),
    plain_body: body,
    public: content.public,
    attachments,
    audit_id: auditId,
    via,
    created_at: state.nowIso(),
    metadata: { system: { client: "zendesk-emulator", ip_address: "127.0.0.1" }, custom: {} },
  };
  const list = state.comments.get(ticketId) ?? [];
  list.push(comment);
  state.comments.set(ticketId, list);
  return comment;
}
