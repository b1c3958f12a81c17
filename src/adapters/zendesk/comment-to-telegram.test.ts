import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitMessage } from "../../domain/conversation/split-message.js";
import { commentToTelegramHtml, formatAgentReply } from "./comment-to-telegram.js";

const fromHtml = (html_body: string) => commentToTelegramHtml({ html_body });

const TOKEN = /<(\/?)(b|i|u|s|a|code|pre|blockquote)((?: [a-z]+="[^"<>]*")*)>|&(?:lt|gt|amp|quot);|[^<>&]+/y;

/** Whether `html` is Telegram HTML that Telegram accepts: known tags, balanced, nested as it allows. */
function isValidTelegramHtml(html: string): boolean {
  const stack: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const token = TOKEN.exec(html);
    if (!token) return false;
    const [, closing, name, attributes] = token;
    if (name === undefined) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
      continue;
    }
    const top = stack.at(-1);
    const codeInPre = name === "code" && top === "pre" && /^ class="language-[^"]+"$/.test(attributes ?? "");
    if (!codeInPre && stack.some((open) => open === "code" || open === "pre")) return false;
    if ((name === "code" || name === "pre") && stack.some((open) => ["b", "i", "u", "s", "a"].includes(open)))
      return false;
    if ((name === "a" || name === "blockquote") && stack.includes(name)) return false;
    if (
      name === "a" ? !/^ href="(?:https?|mailto|tg):[^"]*"$/.test(attributes ?? "") : attributes && !codeInPre
    ) {
      return false;
    }
    stack.push(name);
  }
  return stack.length === 0;
}

describe("commentToTelegramHtml from html_body", () => {
  it("starts with the text after a block holding only white space", () => {
    expect(fromHtml("<pre> </pre>😀")).toBe("😀");
  });

  it("drops Zendesk's zd-comment wrapper and turns paragraphs and line breaks into text", () => {
    const html =
      '<div class="zd-comment" dir="auto"><p dir="auto">Hello <b>there</b>,</p>' +
      '<p dir="auto">Line one<br>Line two</p></div>';
    expect(fromHtml(html)).toBe("Hello <b>there</b>,\n\nLine one\nLine two");
  });

  it("maps formatting tags onto Telegram's", () => {
    expect(
      fromHtml(
        "<strong>b</strong> <em>i</em> <ins>u</ins> <strike>s</strike> <del>d</del> <span>plain</span>",
      ),
    ).toBe("<b>b</b> <i>i</i> <u>u</u> <s>s</s> <s>d</s> plain");
  });

  it("keeps nested formatting", () => {
    expect(fromHtml("<b>bold <i>both <u>all</u></i></b>")).toBe("<b>bold <i>both <u>all</u></i></b>");
  });

  it("drops scripts and styles with their contents", () => {
    expect(fromHtml("<style>p { color: red }</style>Hi<script>alert('x')</script>!")).toBe("Hi!");
  });

  it("reads a malformed tag the way a browser does: the script inside is inert text, shown escaped", () => {
    // "<text<script>" is one tag named "text<script" to an HTML tokenizer, so no script element opens.
    expect(fromHtml("<text<script>alert(1)</script>")).toBe("alert(1)");
  });

  it("keeps only the text of links that are not web, mail or Telegram links", () => {
    expect(fromHtml('<a href="javascript:alert(1)">click</a> <a href="/hc/articles/1">article</a>')).toBe(
      "click article",
    );
    expect(
      fromHtml('<a href="mailto:help@example.com">mail</a> <a href="tg://resolve?domain=x">tg</a>'),
    ).toBe('<a href="mailto:help@example.com">mail</a> <a href="tg://resolve?domain=x">tg</a>');
  });

  it("escapes quotes, ampersands and angle brackets in a link's address", () => {
    expect(fromHtml(`<a href='https://x.com/?q="a"&b=<c>' onclick="evil()">x</a>`)).toBe(
      '<a href="https://x.com/?q=&quot;a&quot;&amp;b=&lt;c&gt;">x</a>',
    );
  });

  it("closes unclosed tags and ignores stray closing ones", () => {
    expect(fromHtml("<b>unclosed <i>tags")).toBe("<b>unclosed <i>tags</i></b>");
    expect(fromHtml("text</i></b>")).toBe("text");
  });

  it("keeps entities escaped and decodes the others", () => {
    expect(fromHtml("<p>5 &lt; 6 &amp;&amp; &quot;x&quot; &copy; &#128512;</p>")).toBe(
      '5 &lt; 6 &amp;&amp; "x" © 😀',
    );
  });

  it("splits formatting around code, which Telegram will not nest in bold", () => {
    expect(fromHtml("<b>Run <code>npm i</code> now</b>")).toBe("<b>Run </b><code>npm i</code><b> now</b>");
  });

  it("keeps the outer link when links nest", () => {
    expect(fromHtml('<a href="https://a.com">see <span><a href="https://b.com">b</a></span></a>')).toBe(
      '<a href="https://a.com">see b</a>',
    );
  });

  it("writes lists as bullet and numbered lines", () => {
    const html =
      "<p>Steps:</p><ol start='3'><li>open</li><li><p>click</p></li></ol>" +
      "<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>after";
    expect(fromHtml(html)).toBe("Steps:\n\n3. open\n4. click\n\n• one\n  • nested\n• two\n\nafter");
  });

  it("starts a nested list that opens an item on a line of its own", () => {
    expect(fromHtml("<ul><li><ul><li>deep</li></ul></li></ul>")).toBe("• \n  • deep");
  });

  it("writes tables as rows of cells separated by bars", () => {
    expect(
      fromHtml("<table><tr><th>Plan</th><th>Price</th></tr><tr><td><p>Pro</p></td><td>10</td></tr></table>"),
    ).toBe("Plan | Price\nPro | 10");
  });

  it("makes headings bold paragraphs", () => {
    expect(fromHtml("<h2>Title</h2><p>Body</p>")).toBe("<b>Title</b>\n\nBody");
  });

  it("keeps one level of quotes, with links inside", () => {
    expect(
      fromHtml(
        '<blockquote><p>see <a href="https://a.b">this</a></p><blockquote>inner</blockquote></blockquote>ok',
      ),
    ).toBe('<blockquote>see <a href="https://a.b">this</a>\n\ninner</blockquote>\n\nok');
  });

  it("keeps a code block's whitespace and language", () => {
    expect(fromHtml('<pre><code class="language-js">if (a &lt; 2) {\n\n\n  go();\n}</code></pre>')).toBe(
      '<pre><code class="language-js">if (a &lt; 2) {\n\n\n  go();\n}</code></pre>',
    );
  });

  // Found by the property below: the paragraph's break and the code's own newline both stay, as in a browser.
  it("keeps a code block's newline after a paragraph that opens inside it", () => {
    expect(fromHtml("<pre>text<p>\n<")).toBe("<pre>text\n\n\n&lt;</pre>");
  });

  it("replaces images with their alt text", () => {
    expect(fromHtml('<img src="x" onerror="alert(1)">Chart: <img src="y" alt="sales <up>">')).toBe(
      "Chart: sales &lt;up&gt;",
    );
  });

  it("collapses blank lines and spaces, and trims", () => {
    expect(fromHtml("\n<p>&nbsp;</p><p>a   b</p>\n\n\n<p>&nbsp;</p><br><br><br>c<br><br>")).toBe("a b\n\nc");
  });

  it("converts a Cyrillic comment", () => {
    expect(fromHtml("<p>Здравствуйте, <strong>Иван</strong>!</p><p>Ваш заказ <em>отправлен</em>.</p>")).toBe(
      "Здравствуйте, <b>Иван</b>!\n\nВаш заказ <i>отправлен</i>.",
    );
  });

  it("always produces HTML Telegram accepts, whatever the input", () => {
    const piece = fc.constantFrom(
      "<b>",
      "</b>",
      "<strong>",
      "<i>",
      "</em>",
      "<u>",
      "<s>",
      "<code>",
      "</code>",
      "<pre>",
      "</pre>",
      '<pre><code class="language-ts">',
      "<blockquote>",
      "</blockquote>",
      '<a href="https://x.y/?a=1&b=2">',
      '<a href="javascript:alert(1)">',
      "<a href='https://q.r/\"'>",
      "</a>",
      "<p>",
      "</p>",
      "<br>",
      "<ul><li>",
      "<ol><li>",
      "</li>",
      "<table><tr><td>",
      "<script>alert(1)</script>",
      "<style>b{}</style>",
      '<img alt="<a>">',
      "&amp;",
      "&lt;",
      "&nbsp;",
      "&#1;",
      "<",
      ">",
      "&",
      '"',
      " ",
      "\n",
      "text",
      "Привет",
      "😀",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const out = fromHtml(pieces.join(""));
        expect(isValidTelegramHtml(out)).toBe(true);
        expect(out).not.toMatch(/javascript:|<script|<style|^\s|\s$/);
        // At most one blank line in a row, except inside code, which keeps its whitespace as written.
        expect(out.replace(/<pre>[\s\S]*?<\/pre>/g, "<pre></pre>")).not.toMatch(/\n\n\n/);
        const reply = formatAgentReply({ ticketId: 1, agentName: "A & B", html: out });
        for (const part of splitMessage(reply, { limit: 40 })) expect(isValidTelegramHtml(part)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("commentToTelegramHtml from a plain body", () => {
  it("escapes it and renders the Markdown agents use", () => {
    expect(
      commentToTelegramHtml({ plain_body: "**Bold _both_** and `a<b` and [docs](https://d.com/a_b) & more" }),
    ).toBe(
      '<b>Bold <i>both</i></b> and <code>a&lt;b</code> and <a href="https://d.com/a_b">docs</a> &amp; more',
    );
  });

  it("leaves what is not clearly Markdown alone", () => {
    expect(commentToTelegramHtml({ body: "snake_case_name 2 ** 3 [x](javascript:y) <b>" })).toBe(
      "snake_case_name 2 ** 3 [x](javascript:y) &lt;b&gt;",
    );
  });

  it("normalises line ends and blank lines", () => {
    expect(commentToTelegramHtml({ plain_body: "\r\nHi  \r\n\r\n\r\n\r\nBye\r\n" })).toBe("Hi\n\nBye");
  });

  it("uses the plain body when the HTML one is blank, and yields nothing for an empty comment", () => {
    expect(commentToTelegramHtml({ html_body: " ", plain_body: "", body: "fallback" })).toBe("fallback");
    expect(commentToTelegramHtml({})).toBe("");
    expect(commentToTelegramHtml({ html_body: "<p> </p><script>x</script>" })).toBe("");
  });
});

describe("formatAgentReply", () => {
  it("puts a bold header with the ticket and the escaped agent name above the reply", () => {
    expect(formatAgentReply({ ticketId: 123, agentName: "Alice <Novak>", html: "Hi <b>there</b>" })).toBe(
      "<b>#123 · Alice &lt;Novak&gt;</b>\nHi <b>there</b>",
    );
  });

  it("leaves out a missing name and an empty body", () => {
    expect(formatAgentReply({ ticketId: 7, agentName: " ", html: "" })).toBe("<b>#7</b>");
  });
});
