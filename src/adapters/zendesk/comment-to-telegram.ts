import { Parser } from "htmlparser2";
import { escapeHtml } from "../telegram/html.js";

/** The bodies of a Zendesk ticket comment, as the API names them. */
export interface ZendeskCommentBodies {
  readonly html_body?: string;
  readonly plain_body?: string;
  readonly body?: string;
}

/**
 * Turns a Zendesk comment into Telegram's HTML subset: `html_body` when it has any content, else the plain
 * body with the little Markdown agents type (`**bold**`, `_italic_`, `` `code` ``, `[text](url)`).
 * The result is escaped, balanced and nested the way Telegram allows; it may be empty.
 */
export function commentToTelegramHtml(comment: ZendeskCommentBodies): string {
  if (comment.html_body?.trim()) return htmlToTelegram(comment.html_body);
  const plain = [comment.plain_body, comment.body].find((body) => body?.trim());
  return plain ? markdownToTelegram(plain) : "";
}

/** Prefixes a converted reply with a bold header naming the ticket and the agent: `#123 · Alice Novak`. */
export function formatAgentReply(reply: { ticketId: number; agentName: string; html: string }): string {
  const name = reply.agentName.trim();
  const header = `<b>#${reply.ticketId}${name ? ` · ${escapeHtml(name)}` : ""}</b>`;
  return reply.html ? `${header}\n${reply.html}` : header;
}

type MarkKind = "b" | "i" | "u" | "s" | "a" | "code" | "pre" | "blockquote";

/** A formatting element of the output. Identity matters: two adjacent bold runs stay two elements. */
interface Mark {
  readonly kind: MarkKind;
  /** The link's address, or a code block's language (learnt only once its inner `<code>` opens). */
  attr?: string;
}

type Marks = readonly Mark[];

interface Chunk {
  readonly text: string;
  readonly marks: Marks;
}

const STYLES: Readonly<Record<string, MarkKind>> = {
  b: "b",
  strong: "b",
  i: "i",
  em: "i",
  u: "u",
  ins: "u",
  s: "s",
  strike: "s",
  del: "s",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  h1: "b",
  h2: "b",
  h3: "b",
  h4: "b",
  h5: "b",
  h6: "b",
};
const DROPPED = new Set(["script", "style", "head", "title", "template", "noscript", "svg"]);
const BLOCKS = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "table"]);
const SAFE_LINK = /^(?:https?|mailto|tg):/i;
const LANGUAGE = /(?:^|\s)language-([\w+#.-]{1,32})(?:\s|$)/;

interface Frame {
  readonly name: string;
  readonly dropped: boolean;
  /** Zendesk's `zd-comment` wrapper: its contents count, the wrapper itself is no paragraph. */
  readonly transparent: boolean;
  mark?: Mark;
}

function htmlToTelegram(html: string): string {
  const out = new TextBuilder();
  const frames: Frame[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  const rows: { cells: number }[] = [];
  let marks: Marks = [];
  let cells = 0;
  let pres = 0;
  let preStart = false;

  // A paragraph inside a list item or a table cell must not break the item's line or the row.
  const block = () => (cells ? out.space() : out.paragraph(lists.length ? 1 : 2));

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const dropped = DROPPED.has(name) || frames.at(-1)?.dropped === true;
        const transparent = name === "div" && /(?:^|\s)zd-comment(?:\s|$)/.test(attributes.class ?? "");
        const frame: Frame = { name, dropped, transparent };
        frames.push(frame);
        if (dropped) return;
        if (name === "br") {
          if (cells) out.space();
          else out.newline(marks);
        } else if (name === "img" && attributes.alt?.trim()) out.text(attributes.alt, marks);
        else if (name === "ul" || name === "ol") {
          out.lineBreaks(lists.length ? 1 : 2);
          lists.push({ ordered: name === "ol", next: Number.parseInt(attributes.start ?? "", 10) || 1 });
        } else if (name === "li") {
          const list = lists.at(-1);
          out.lineBreaks(1);
          const bullet = list?.ordered ? `${list.next++}. ` : "• ";
          out.prefix(`${"  ".repeat(Math.max(0, lists.length - 1))}${bullet}`, marks);
        } else if (name === "tr") {
          out.lineBreaks(1);
          rows.push({ cells: 0 });
        } else if (name === "td" || name === "th") {
          const row = rows.at(-1);
          if (row && row.cells++ > 0) out.separator("| ", marks);
          cells++;
        } else if (BLOCKS.has(name) && !transparent) block();

        const parent = frames.at(-2);
        if (name === "code" && parent?.name === "pre" && parent.mark) {
          parent.mark.attr = LANGUAGE.exec(attributes.class ?? "")?.[1];
          return;
        }
        const mark = toMark(name, attributes);
        if (name === "pre") {
          pres++;
          preStart = true;
        }
        if (mark) {
          frame.mark = mark;
          marks = [...marks, mark];
        }
      },
      ontext(text) {
        if (frames.at(-1)?.dropped) return;
        const fresh = preStart;
        preStart = false;
        // Like a browser, ignore the line break that follows `<pre>` at once.
        if (pres) out.verbatim(fresh ? text.replace(/^\r?\n/, "") : text, marks);
        else out.text(text, marks);
      },
      onclosetag(name) {
        const frame = frames.pop();
        if (!frame || frame.dropped) return;
        if (frame.mark) marks = marks.slice(0, -1);
        if (name === "pre") pres--;
        if (name === "td" || name === "th") cells--;
        else if (name === "tr") {
          rows.pop();
          out.lineBreaks(1);
        } else if (name === "li") out.lineBreaks(1);
        else if (name === "ul" || name === "ol") {
          lists.pop();
          out.lineBreaks(lists.length ? 1 : 2);
        } else if (BLOCKS.has(name) && !frame.transparent) block();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return serialize(out.finish());
}

/** The formatting an element stands for; a link only if its address is web, mail or Telegram. */
function toMark(name: string, attributes: Record<string, string>): Mark | undefined {
  if (name === "a") {
    const href = attributes.href?.trim();
    return href && SAFE_LINK.test(href) ? { kind: "a", attr: href } : undefined;
  }
  const kind = STYLES[name];
  return kind ? { kind } : undefined;
}

/**
 * Collects output text the way a browser lays it out, reduced to what a chat message can show: runs of
 * whitespace collapse to one space, block edges become at most one blank line, and nothing leads or trails.
 * Whitespace that stands between two elements takes only the formatting they share.
 */
class TextBuilder {
  private readonly chunks: Chunk[] = [];
  private last: Marks = [];
  private pendingBreaks = 0;
  private pendingSpace = false;
  private trailingNewlines = 0;
  private endsInSpace = true;
  private afterPrefix = false;

  /** Ends the current block: `count` is 1 for a new line, 2 for a blank line. */
  lineBreaks(count: 1 | 2): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, count);
    this.pendingSpace = false;
  }

  paragraph(count: 1 | 2): void {
    // A list item's first paragraph belongs on its bullet's line.
    if (!this.afterPrefix) this.lineBreaks(count);
  }

  space(): void {
    this.pendingSpace = true;
  }

  newline(marks: Marks): void {
    if (this.chunks.length === 0) return;
    this.flush(marks);
    if (this.trailingNewlines < 2) this.append("\n", shared(this.last, marks));
    this.pendingSpace = false;
  }

  text(raw: string, marks: Marks): void {
    const text = raw.replace(/[ \t\n\r\f\u00a0]+/g, " ");
    const core = text.replace(/^ | $/g, "");
    if (text.startsWith(" ")) this.pendingSpace = true;
    if (!core) return;
    this.verbatim(core, marks);
    this.pendingSpace = text.endsWith(" ");
  }

  verbatim(text: string, marks: Marks): void {
    if (!text) return;
    this.flush(marks);
    if (this.pendingSpace && !this.endsInSpace) this.append(" ", shared(this.last, marks));
    this.pendingSpace = false;
    this.append(text, marks);
  }

  prefix(text: string, marks: Marks): void {
    this.verbatim(text, marks);
    this.afterPrefix = true;
  }

  separator(text: string, marks: Marks): void {
    this.pendingSpace = true;
    this.verbatim(text, marks);
  }

  finish(): Chunk[] {
    const chunks = [...this.chunks];
    while (chunks.length > 0 && !chunks.at(-1)?.text.trimEnd()) chunks.pop();
    while (chunks.length > 0 && !chunks[0]?.text.trimStart()) chunks.shift();
    const last = chunks.pop();
    if (last) chunks.push({ ...last, text: last.text.trimEnd() });
    const first = chunks.shift();
    if (first) chunks.unshift({ ...first, text: first.text.trimStart() });
    return chunks;
  }

  private flush(marks: Marks): void {
    if (this.chunks.length > 0 && this.pendingBreaks > this.trailingNewlines) {
      this.append("\n".repeat(this.pendingBreaks - this.trailingNewlines), shared(this.last, marks));
    }
    if (this.pendingBreaks > 0) this.pendingSpace = false;
    this.pendingBreaks = 0;
  }

  private append(text: string, marks: Marks): void {
    this.chunks.push({ text, marks });
    this.last = marks;
    const newlines = /\n*$/.exec(text)?.[0].length ?? 0;
    this.trailingNewlines = newlines === text.length ? this.trailingNewlines + newlines : newlines;
    this.endsInSpace = /\s$/.test(text);
    this.afterPrefix = false;
  }
}

/** The outer elements two stacks share. */
function shared(a: Marks, b: Marks): Marks {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return a.slice(0, common);
}

const INLINE_MARKDOWN: { kind: MarkKind; pattern: RegExp }[] = [
  { kind: "code", pattern: /`([^`\n]+)`/ },
  { kind: "a", pattern: /\[([^\]\n]+)\]\(((?:https?|mailto|tg):[^\s)]+)\)/i },
  { kind: "b", pattern: /\*\*(?=\S)([^\n]*?\S)\*\*/ },
  { kind: "i", pattern: /(?<![\p{L}\p{N}_])_(?=[^\s_])([^\n_]*?[^\s_])_(?![\p{L}\p{N}_])/u },
];

function markdownToTelegram(text: string): string {
  const normalized = text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  const chunks: Chunk[] = [];
  inlineMarkdown(normalized, [], chunks);
  return serialize(chunks);
}

/** Conservative on purpose: only these four forms, each on one line, earliest match first. */
function inlineMarkdown(text: string, marks: Marks, chunks: Chunk[]): void {
  let rest = text;
  while (rest) {
    let best: { kind: MarkKind; match: RegExpExecArray } | undefined;
    for (const { kind, pattern } of INLINE_MARKDOWN) {
      const match = pattern.exec(rest);
      if (match && (!best || match.index < best.match.index)) best = { kind, match };
    }
    if (!best) break;
    const { kind, match } = best;
    if (match.index > 0) chunks.push({ text: rest.slice(0, match.index), marks });
    const inner = match[1] ?? "";
    const mark: Mark = kind === "a" ? { kind, attr: match[2] } : { kind };
    if (kind === "code") chunks.push({ text: inner, marks: [...marks, mark] });
    else inlineMarkdown(inner, [...marks, mark], chunks);
    rest = rest.slice(match.index + match[0].length);
  }
  if (rest) chunks.push({ text: rest, marks });
}

/**
 * Writes chunks as Telegram HTML. Telegram lets bold, italic, underline and strikethrough nest anywhere but in
 * code; everything else may not contain one another, except that a quote may hold links and code. So the
 * outermost link, code block or quote wins, and styles give way inside code.
 */
function serialize(chunks: readonly Chunk[]): string {
  let out = "";
  let open: Marks = [];
  for (const chunk of chunks) {
    if (!chunk.text) continue;
    const marks = allowed(chunk.marks);
    out += transition(open, marks) + escapeHtml(chunk.text);
    open = marks;
  }
  return out + transition(open, []);
}

function allowed(marks: Marks): Marks {
  let link: Mark | undefined;
  let mono: Mark | undefined;
  let quote: Mark | undefined;
  for (const mark of marks) {
    if (mark.kind === "a" && !link && !mono) link = mark;
    else if ((mark.kind === "code" || mark.kind === "pre") && !mono && !link) mono = mark;
    else if (mark.kind === "blockquote" && !quote && !link && !mono) quote = mark;
  }
  const styles = new Set<MarkKind>();
  return marks.filter((mark) => {
    if (mark === link || mark === mono || mark === quote) return true;
    if (mono || !["b", "i", "u", "s"].includes(mark.kind) || styles.has(mark.kind)) return false;
    styles.add(mark.kind);
    return true;
  });
}

function transition(from: Marks, to: Marks): string {
  const common = shared(from, to).length;
  let out = "";
  for (const mark of from.slice(common).reverse()) out += closeTag(mark);
  for (const mark of to.slice(common)) out += openTag(mark);
  return out;
}

function openTag(mark: Mark): string {
  if (mark.kind === "a") return `<a href="${escapeAttribute(mark.attr ?? "")}">`;
  if (mark.kind === "pre" && mark.attr) return `<pre><code class="language-${escapeAttribute(mark.attr)}">`;
  return `<${mark.kind}>`;
}

function closeTag(mark: Mark): string {
  return mark.kind === "pre" && mark.attr ? "</code></pre>" : `</${mark.kind}>`;
}

function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/"/g, "&quot;");
}
