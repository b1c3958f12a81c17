import { describe, expect, it } from "vitest";
import { EntityParseError } from "./errors.js";
import { parseHtml } from "./html-entities.js";

describe("parseHtml", () => {
  it.each([
    ["<div>x</div>", 'Unsupported start tag "div" at byte offset 0'],
    ["a < b", 'Unsupported start tag "" at byte offset 2'],
    ["x <b", "Unclosed start tag at byte offset 2"],
    ["<b>x", 'Can\'t find end tag corresponding to start tag "b"'],
    ["x</b>", "Unexpected end tag at byte offset 1"],
    ["<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'],
    ["<b>x</b", "Unclosed end tag at byte offset 4"],
    ["<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ["привет <br>", 'Unsupported start tag "br" at byte offset 13'],
  ])("refuses %j like Telegram", (html, message) => {
    expect(() => parseHtml(html)).toThrow(new EntityParseError(message));
  });

  it("keeps a bare ampersand, a bare > and unknown references literally, as Telegram does", () => {
    expect(parseHtml("Tom & Jerry &nbsp; a > b")).toEqual({ text: "Tom & Jerry &nbsp; a > b", entities: [] });
  });

  it("decodes the four named references and numeric ones, with or without semicolon", () => {
    expect(parseHtml("&lt;&gt;&amp;&quot; &#65;&#x42;&#67").text).toBe('<>&" ABC');
  });

  it("measures entity offsets in UTF-16 code units", () => {
    expect(parseHtml("😀 <b>hi</b>").entities).toEqual([{ type: "bold", offset: 3, length: 2 }]);
  });

  it("nests entities, outer first", () => {
    expect(parseHtml("<b>a<i>b</i></b>").entities).toEqual([
      { type: "bold", offset: 0, length: 2 },
      { type: "italic", offset: 1, length: 1 },
    ]);
  });

  it("turns pre with a code language into one pre entity with its language", () => {
    const parsed = parseHtml(
      '<pre><code class="language-ts">x = 1</code></pre> <code class="language-go">y</code>',
    );
    expect(parsed.entities).toEqual([
      { type: "pre", offset: 0, length: 5, language: "ts" },
      { type: "code", offset: 6, length: 1 },
    ]);
  });

  it("reads links, spoilers, blockquotes and custom emoji", () => {
    const parsed = parseHtml(
      '<a href="https://example.com/?a=1&amp;b=2">site</a> <span class="tg-spoiler">s</span>' +
        '<blockquote expandable>q</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    );
    expect(parsed.text).toBe("site sq👍");
    expect(parsed.entities).toEqual([
      { type: "text_link", offset: 0, length: 4, url: "https://example.com/?a=1&b=2" },
      { type: "spoiler", offset: 5, length: 1 },
      { type: "expandable_blockquote", offset: 6, length: 1 },
      { type: "custom_emoji", offset: 7, length: 2, custom_emoji_id: "5368324170671202286" },
    ]);
  });

  it("drops empty entities", () => {
    expect(parseHtml("a<b></b>c")).toEqual({ text: "ac", entities: [] });
  });
});
