import { describe, expect, it } from "vitest";
import { intakePolicy as policy } from "../../config/intake-form.js";
import { type Attachment, LOCALES, type Locale } from "../../domain/events.js";
import { type IntakeForm, newForm } from "../../domain/intake/form.js";
import { categoryPolicy } from "../../domain/intake/policy.js";
import type { Category } from "../../domain/routing/categories.js";
import { formatText } from "../../local/emulators/telegram/formatting.js";
import { parseButton } from "./callback-data.js";
import { type RenderedMessage, renderDeflected, renderForm } from "./render-form.js";

const photo: Attachment = { kind: "photo", fileId: "file-1", fileUniqueId: "unique-1" };
const base = newForm({ formId: "Zz9_-Zz9_-Zz9_-Z", requestId: "request000000001" }, new Date(0));

/** A form at `step` with everything before it filled in, for a category. */
function formAt(step: IntakeForm["step"], category: Category, extra: Partial<IntakeForm> = {}): IntakeForm {
  const rule = categoryPolicy(policy, category).orderId;
  const filled: IntakeForm = {
    ...base,
    category,
    orderId: rule === "skip" ? undefined : rule === "optional" ? null : "A-10023",
    priority: "urgent",
    descriptionParts: ["The parcel never arrived", "It was due on Monday"],
    attachments: [photo],
    suggestedArticles: [
      { title: "Where is my order?", url: "https://help.example.com/hc/en-us/articles/1-where" },
      {
        title: `Returns & <refunds> ${"in detail ".repeat(10)}`,
        url: "https://help.example.com/hc/en-us/articles/2?a=1&b=2",
      },
    ],
  };
  if (step === "category") return { ...base, ...extra, step };
  return { ...filled, ...extra, step };
}

const render = (form: IntakeForm, locale: Locale = "en") => renderForm(form, locale, policy);
/** What Telegram would store, checked the way the emulator (and Telegram) checks it: after parsing. */
const shown = (message: RenderedMessage) => formatText({ text: message.text, parseMode: "HTML" }).text;
const buttons = (message: RenderedMessage) => message.keyboard.inline_keyboard.flat();
const callbackData = (message: RenderedMessage) =>
  buttons(message).flatMap((b) => ("callback_data" in b ? [b.callback_data] : []));

const steps = ["category", "orderId", "priority", "description", "articles", "summary", "edit"] as const;
const cases = LOCALES.flatMap((locale) =>
  steps.flatMap((step) => policy.categories.map((c) => ({ locale, step, category: c.id }))),
);

describe("every step, category and language", () => {
  it.each(cases)("$step for $category in $locale fits one message", ({ locale, step, category }) => {
    const message = render(formAt(step, category), locale);
    expect(shown(message).length).toBeGreaterThan(0);
    expect(shown(message).length).toBeLessThanOrEqual(4096);
  });

  it.each(cases)("$step for $category in $locale has valid buttons", ({ locale, step, category }) => {
    const message = render(formAt(step, category), locale);
    expect(buttons(message).length).toBeGreaterThan(0);
    for (const data of callbackData(message)) {
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(parseButton(data)).toMatchObject({ kind: "form", formId: base.formId });
    }
  });
});

describe("escaping", () => {
  it("shows a description with markup literally", () => {
    const form = formAt("summary", "shipping", { descriptionParts: ["<b>bold</b> & <i>co</i>"] });
    const formatted = formatText({ text: render(form).text, parseMode: "HTML" });
    expect(formatted.text).toContain("<b>bold</b> & <i>co</i>");
    const start = formatted.text.indexOf("<b>bold</b>");
    const styled = formatted.entities.filter(
      (e) =>
        (e.type === "bold" || e.type === "italic") && e.offset + e.length > start && e.offset < start + 24,
    );
    expect(styled).toEqual([]);
  });
});

describe("the summary", () => {
  it("shortens a 30,000-character description to fit, and marks the cut", () => {
    const form = formAt("summary", "shipping", { descriptionParts: ["word ".repeat(6000)] });
    const text = shown(render(form));
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toContain("…");
  });

  it("shortens a 30,000-character description of characters that need escaping", () => {
    const form = formAt("summary", "shipping", { descriptionParts: ["<&>".repeat(10_000)] });
    expect(shown(render(form)).length).toBeLessThanOrEqual(4096);
  });

  it("shows every field, and the number of attachments", () => {
    const text = shown(render(formAt("summary", "shipping")));
    for (const expected of ["Shipping", "A-10023", "Urgent", "It was due on Monday", "Attachments: 1"]) {
      expect(text).toContain(expected);
    }
  });

  it('says "none" for an order ID the customer does not have', () => {
    expect(shown(render(formAt("summary", "payment")))).toContain("Order ID: none");
  });

  it("leaves the order ID out for a category that takes none", () => {
    const form = formAt("summary", "account", { orderId: "A-10023" });
    expect(shown(render(form))).not.toContain("Order ID");
  });

  it("offers Confirm, Edit and Cancel", () => {
    expect(callbackData(render(formAt("summary", "shipping"))).map((d) => d.split(":")[2])).toEqual([
      "s",
      "e",
      "x",
    ]);
  });
});

describe("the order ID step", () => {
  it('offers "I don\'t have one" when the order ID is optional', () => {
    expect(buttons(render(formAt("orderId", "payment"))).map((b) => b.text)).toContain("I don't have one");
  });

  it('does not offer "I don\'t have one" when the order ID is required', () => {
    expect(buttons(render(formAt("orderId", "shipping"))).map((b) => b.text)).not.toContain(
      "I don't have one",
    );
  });

  it("shows the example", () => {
    expect(shown(render(formAt("orderId", "shipping")))).toContain("A-10023");
  });
});

describe("the priority step", () => {
  it("puts a suggested Urgent first, with the hint", () => {
    const message = render(formAt("priority", "payment"));
    expect(buttons(message)[0]?.text).toBe("🔥 Urgent (suggested)");
    expect(shown(message)).toContain("Payment problems are usually urgent");
  });

  it("puts Standard first otherwise", () => {
    expect(buttons(render(formAt("priority", "shipping")))[0]?.text).toBe("Standard");
  });
});

describe("the edit step", () => {
  it("offers every field for a category with an order ID", () => {
    expect(buttons(render(formAt("edit", "shipping"))).map((b) => b.text)).toEqual([
      "Category",
      "Order ID",
      "Priority",
      "Description",
      "◀️ Back",
    ]);
  });

  it("leaves the order ID out for a category that takes none", () => {
    expect(buttons(render(formAt("edit", "account"))).map((b) => b.text)).not.toContain("Order ID");
  });
});

describe("the description step", () => {
  it("counts what has arrived so far", () => {
    expect(shown(render(formAt("description", "shipping")))).toContain(
      "Received: 2 messages and 1 attachment",
    );
  });

  it("shows no count before anything arrived", () => {
    const form = formAt("description", "shipping", { descriptionParts: [], attachments: [] });
    expect(shown(render(form))).not.toContain("Received");
  });

  it("is in Russian for a Russian-speaking customer", () => {
    expect(shown(render(formAt("description", "shipping"), "ru"))).toContain("Опишите проблему");
  });
});

describe("articles step", () => {
  it("links each article, then offers This solved it, I still need help and Cancel", () => {
    const message = render(formAt("articles", "shipping"));
    expect(shown(message)).toContain("These help articles may answer your question");
    expect(buttons(message).map((b) => ("url" in b ? `${b.text} -> ${b.url}` : b.text))).toEqual([
      "📄 Where is my order? -> https://help.example.com/hc/en-us/articles/1-where",
      expect.stringMatching(
        /^📄 Returns & <refunds> in detail .*… -> https:\/\/help\.example\.com\/\S+2\?a=1&b=2$/,
      ),
      "✅ This solved it",
      "💬 I still need help",
      "✖️ Cancel",
    ]);
    expect(callbackData(message).map((d) => d.split(":")[2])).toEqual(["y", "h", "x"]);
  });

  it("keeps a long title to a readable button", () => {
    const [, long] = buttons(render(formAt("articles", "shipping")));
    expect(long?.text.length).toBeLessThanOrEqual("📄 ".length + 60);
  });

  it("is in Russian for a Russian-speaking customer", () => {
    const message = render(formAt("articles", "shipping"), "ru");
    expect(
      buttons(message)
        .map((b) => b.text)
        .slice(-3),
    ).toEqual(["✅ Это решило вопрос", "💬 Мне всё ещё нужна помощь", "✖️ Отменить"]);
  });
});

describe("the closing line after an article helped", () => {
  it("thanks the customer and keeps the links, escaped", () => {
    const text = renderDeflected(formAt("articles", "shipping"), "en");
    const parsed = formatText({ text, parseMode: "HTML" });
    expect(parsed.text).toMatch(/^🎉 Glad that helped! No ticket was opened\./);
    expect(parsed.text).toContain("Returns & <refunds>");
    expect(parsed.entities?.filter((e) => e.type === "text_link").map((e) => e.url)).toEqual([
      "https://help.example.com/hc/en-us/articles/1-where",
      "https://help.example.com/hc/en-us/articles/2?a=1&b=2",
    ]);
  });
});

describe("the description, edited or long", () => {
  it("says an edit replaces the description, and that Back keeps the old one", () => {
    const editing = formAt("description", "shipping", {
      descriptionParts: [],
      attachments: [],
      replacedDescription: { parts: ["The parcel never arrived"], attachments: [] },
    });
    expect(shown(render(editing))).toContain(
      "This replaces the description you gave before. Back keeps the old one.",
    );
    expect(shown(render(formAt("description", "shipping", { descriptionParts: [] })))).not.toContain(
      "This replaces",
    );
  });

  it("says a description shortened on the summary is sent whole", () => {
    const long = formAt("summary", "shipping", { descriptionParts: ["word ".repeat(600)] });
    expect(shown(render(long))).toContain("Shortened here; your whole description is sent.");
    expect(shown(render(formAt("summary", "shipping")))).not.toContain("Shortened here");
  });
});
