import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Attachment, Priority, SuggestedArticle } from "../events.js";
import type { Category } from "../routing/categories.js";
import { type EditableField, type FormStep, fullDescription, type IntakeForm, newForm } from "./form.js";
import type { IntakePolicy } from "./policy.js";
import {
  applyInput,
  articleSearchText,
  canGoBack,
  type IntakeInput,
  MAX_ARTICLE_QUERY_CHARS,
  type Outcome,
  orderIdSent,
} from "./transitions.js";

/** Small limits so each one is easy to reach; one category per order ID rule. */
const policy: IntakePolicy = {
  categories: [
    { id: "shipping", orderId: "required", suggestUrgent: false },
    { id: "returns", orderId: "required", suggestUrgent: false },
    { id: "payment", orderId: "optional", suggestUrgent: true },
    { id: "order", orderId: "optional", suggestUrgent: false },
    { id: "account", orderId: "skip", suggestUrgent: false },
  ],
  orderId: { pattern: /^(?:[A-Z]{1,4}-?\d{4,10}|#?\d{5,10})$/, example: "A-10023" },
  description: { maxChars: 100, maxParts: 3, maxAttachments: 2 },
  formTtlSeconds: 24 * 3600,
  formReminderSeconds: 3600,
  knowledgeBase: { enabled: true, maxArticles: 2 },
};

const category = (id: Category): IntakeInput => ({ kind: "category", category: id });
const text = (value: string): IntakeInput => ({ kind: "text", text: value });
const priority = (value: Priority): IntakeInput => ({ kind: "priority", priority: value });
const photo = (id: string, caption?: string): IntakeInput => ({
  kind: "attachment",
  attachment: { kind: "photo", fileId: id, fileUniqueId: `u-${id}` } satisfies Attachment,
  caption,
});
const editField = (field: EditableField): IntakeInput => ({ kind: "editField", field });
const done: IntakeInput = { kind: "done" };
const noOrderId: IntakeInput = { kind: "noOrderId" };
const edit: IntakeInput = { kind: "edit" };
const confirm: IntakeInput = { kind: "confirm" };
const cancel: IntakeInput = { kind: "cancel" };
const backToSummary: IntakeInput = { kind: "backToSummary" };
const goBack: IntakeInput = { kind: "back" };
const solved: IntakeInput = { kind: "solved" };
const needHelp: IntakeInput = { kind: "needHelp" };
const article = (n: number): SuggestedArticle => ({
  title: `Article ${n}`,
  url: `https://help.example.com/hc/en-us/articles/${n}`,
});
const doneWith = (...articles: SuggestedArticle[]): IntakeInput => ({ kind: "done", articles });

const fresh = () => newForm({ formId: "form000001", requestId: "request000000001" }, new Date(0));
const apply = (form: IntakeForm, input: IntakeInput): Outcome => applyInput(form, input, policy);

/** Applies inputs that must all be accepted, and returns the resulting form. */
function fill(inputs: IntakeInput[], form: IntakeForm = fresh()): IntakeForm {
  return inputs.reduce((current, input) => {
    const outcome = apply(current, input);
    if (outcome.kind !== "updated") {
      throw new Error(
        `${input.kind} at step ${current.step} was ${outcome.kind}: ${JSON.stringify(outcome)}`,
      );
    }
    return outcome.form;
  }, form);
}

const atOrderId = () => fill([category("shipping")]);
const atPriority = () => fill([category("shipping"), text("A-10023")]);
const atDescription = () => fill([category("shipping"), text("A-10023"), priority("standard")]);
const atSummary = () => fill([text("The parcel never arrived"), done], atDescription());
const atEdit = () => fill([edit], atSummary());
const atArticles = () => fill([text("The parcel never arrived"), doneWith(article(1))], atDescription());

const formAt: Record<FormStep, () => IntakeForm> = {
  category: fresh,
  orderId: atOrderId,
  priority: atPriority,
  description: atDescription,
  articles: atArticles,
  summary: atSummary,
  edit: atEdit,
};

function expectRejected(outcome: Outcome, before: IntakeForm, reason: string) {
  expect(outcome).toMatchObject({ kind: "rejected", rejection: { reason } });
  expect(outcome.form).toBe(before);
}

describe("category step", () => {
  it("asks for the order ID after a category that requires one", () => {
    expect(fill([category("shipping")])).toMatchObject({ step: "orderId", category: "shipping" });
  });

  it("asks for the order ID after a category where it is optional", () => {
    expect(fill([category("payment")]).step).toBe("orderId");
  });

  it("goes straight to the priority after a category that takes no order ID", () => {
    expect(fill([category("account")])).toMatchObject({ step: "priority", category: "account" });
  });

  it("keeps typed text and files to open the description, and still asks for the category", () => {
    const form = fill([text("My parcel is lost"), photo("p1", "the label")], fresh());
    expect(form).toMatchObject({
      step: "category",
      carried: { parts: ["My parcel is lost", "the label"], attachments: [{ fileId: "p1" }], messages: 2 },
    });
    const described = fill([category("shipping"), text("A-10023"), priority("standard")], form);
    expect(described).toMatchObject({ step: "description", attachments: [{ fileId: "p1" }] });
    expect(fullDescription(described)).toBe("My parcel is lost\n\nthe label");
  });

  it("refuses typed text past the description's limits with the description's reason", () => {
    const form = fill([text("x".repeat(60))], fresh());
    const outcome = apply(form, text("y".repeat(39)));
    expectRejected(outcome, form, "description-too-long");
  });

  it("counts a message typed at the category after one carried into the form", () => {
    const carrying = newForm({ formId: "form000001", requestId: "request000000001" }, new Date(0), {
      parts: ["hello"],
      attachments: [],
    });
    expect(fill([text("my parcel is lost")], carrying).carried).toEqual({
      parts: ["hello", "my parcel is lost"],
      attachments: [],
      messages: 2,
    });
  });

  it("refuses a category the policy does not offer (a stale or forged button)", () => {
    const form = fresh();
    expectRejected(apply(form, category("product")), form, "not-expected-now");
  });
});

describe("order ID step", () => {
  it("normalises case and stray spaces before storing", () => {
    expect(fill([text("a-10023 ")], atOrderId())).toMatchObject({ step: "priority", orderId: "A-10023" });
  });

  it.each(["A-10023", "AB1234", "#123456", "1234567", " a b-1 0023 "])("accepts %j", (raw) => {
    expect(fill([text(raw)], atOrderId()).step).toBe("priority");
  });

  it.each(["hello", "A-12", "ABCDE-10023", "#1234", "10023-A", "A_10023"])(
    "refuses %j and shows the example",
    (raw) => {
      const form = atOrderId();
      const outcome = apply(form, text(raw));
      expectRejected(outcome, form, "invalid-order-id");
      expect(outcome).toMatchObject({ rejection: { example: "A-10023", required: true } });
    },
  );

  it("says a wrong order ID for a category that can go without one is not required", () => {
    const outcome = apply(fill([category("payment")]), text("hello"));
    expect(outcome).toMatchObject({ rejection: { reason: "invalid-order-id", required: false } });
  });

  it('refuses "I don\'t have one" when the category requires an order ID', () => {
    const form = atOrderId();
    expectRejected(apply(form, noOrderId), form, "order-id-required");
  });

  it('accepts "I don\'t have one" when the order ID is optional and records its absence', () => {
    expect(fill([category("payment"), noOrderId])).toMatchObject({ step: "priority", orderId: null });
  });

  it("keeps an attachment for the description and still asks for the order ID", () => {
    const form = fill([photo("p1", "my receipt")], atOrderId());
    expect(form).toMatchObject({ step: "orderId", carried: { parts: ["my receipt"], messages: 1 } });
  });

  it("takes the order ID from a story and keeps the story for the description", () => {
    const story = "My parcel A-10077 is lost, the tracking has not moved for 10 days";
    const form = fill([text(story)], atOrderId());
    expect(form).toMatchObject({ step: "priority", orderId: "A-10077", carried: { parts: [story] } });
    expect(fill([text("Here is my order number: A-10023")], atOrderId()).carried).toBeUndefined();
  });
});

describe("priority step", () => {
  it.each(["standard", "urgent"] as const)("takes %s and asks for the description", (value) => {
    expect(fill([priority(value)], atPriority())).toMatchObject({ step: "description", priority: value });
  });

  it("keeps typed text for the description and still asks how urgent it is", () => {
    const form = fill([text("it is quite urgent actually")], atPriority());
    expect(form).toMatchObject({ step: "priority", carried: { parts: ["it is quite urgent actually"] } });
  });

  it("adds typed text to the description when a field is edited from the summary", () => {
    const form = fill([edit, editField("priority"), text("also, it was insured")], atSummary());
    expect(form.step).toBe("priority");
    expect(fullDescription(form)).toBe("The parcel never arrived\n\nalso, it was insured");
  });
});

describe("description step", () => {
  it("joins several messages in order, separated by blank lines", () => {
    const form = fill([text("first"), text("second"), text("third")], atDescription());
    expect(form.step).toBe("description");
    expect(fullDescription(form)).toBe("first\n\nsecond\n\nthird");
  });

  it("puts a message delivered before an earlier one in the order written", () => {
    const typed = (value: string, order: number): IntakeInput => ({ kind: "text", text: value, order });
    const form = fill([typed("first", 10), typed("third", 12)], atDescription());
    expect(fullDescription(fill([typed("second", 11)], form))).toBe("first\n\nsecond\n\nthird");
    const captioned: IntakeInput = { ...photo("p0", "zeroth"), order: 9 } as IntakeInput;
    expect(fullDescription(fill([captioned], form))).toBe("zeroth\n\nfirst\n\nthird");
  });

  it("keeps what was carried into the form before every typed message", () => {
    const form = fill(
      [category("account"), priority("standard"), { kind: "text", text: "typed", order: 3 }],
      newForm({ formId: "form000001", requestId: "request000000001" }, new Date(0), {
        parts: ["carried"],
        attachments: [],
      }),
    );
    expect(fullDescription(form)).toBe("carried\n\ntyped");
  });

  it("trims each message", () => {
    expect(fill([text("  padded \n")], atDescription()).descriptionParts).toEqual(["padded"]);
  });

  it("keeps an attachment and adds its caption to the text in order", () => {
    const form = fill([text("before"), photo("p1", "the label"), text("after")], atDescription());
    expect(form.attachments.map((a) => a.fileId)).toEqual(["p1"]);
    expect(fullDescription(form)).toBe("before\n\nthe label\n\nafter");
  });

  it("keeps an attachment without a caption without adding text", () => {
    const form = fill([photo("p1")], atDescription());
    expect(form.attachments).toHaveLength(1);
    expect(form.descriptionParts).toEqual([]);
  });

  it("refuses a message that would take the description past maxChars", () => {
    const form = fill([text("x".repeat(60))], atDescription());
    const outcome = apply(form, text("y".repeat(39)));
    expectRejected(outcome, form, "description-too-long");
    expect(outcome).toMatchObject({ rejection: { maxChars: 100 } });
  });

  it("accepts a description of exactly maxChars including the separators", () => {
    const form = fill([text("x".repeat(60)), text("y".repeat(38))], atDescription());
    expect(fullDescription(form)).toHaveLength(100);
  });

  it("refuses a caption that would take the description past maxChars, and its attachment with it", () => {
    const form = fill([text("x".repeat(99))], atDescription());
    expectRejected(apply(form, photo("p1", "caption")), form, "description-too-long");
  });

  it("refuses more than maxParts messages", () => {
    const form = fill([text("1"), text("2"), text("3")], atDescription());
    const outcome = apply(form, text("4"));
    expectRejected(outcome, form, "too-many-messages");
    expect(outcome).toMatchObject({ rejection: { max: 3 } });
  });

  it("refuses more than maxAttachments files", () => {
    const form = fill([photo("p1"), photo("p2")], atDescription());
    const outcome = apply(form, photo("p3"));
    expectRejected(outcome, form, "too-many-attachments");
    expect(outcome).toMatchObject({ rejection: { max: 2 } });
  });

  it("refuses Done before anything was sent", () => {
    const form = atDescription();
    expectRejected(apply(form, done), form, "description-empty");
  });

  it("refuses Done after blank text only", () => {
    const form = fill([text("   ")], atDescription());
    expectRejected(apply(form, done), form, "description-empty");
  });

  it("goes to the summary on Done after text", () => {
    expect(fill([text("It broke"), done], atDescription()).step).toBe("summary");
  });

  it("goes to the summary on Done after an attachment alone", () => {
    expect(fill([photo("p1"), done], atDescription()).step).toBe("summary");
  });

  it("refuses buttons of other steps", () => {
    const form = atDescription();
    expectRejected(apply(form, priority("urgent")), form, "not-expected-now");
  });
});

describe("a message carried into the form", () => {
  const photo = { kind: "photo", fileId: "p1", fileUniqueId: "u1" } as const;
  const carrying = (carried: IntakeForm["carried"]) =>
    newForm({ formId: "form000001", requestId: "request000000001" }, new Date(0), carried);

  it("opens the description with what the customer wrote before, and still asks for more", () => {
    const form = fill(
      [category("shipping"), text("A-10023"), priority("standard")],
      carrying({ parts: ["My parcel is late"], attachments: [photo] }),
    );
    expect(form).toMatchObject({
      step: "description",
      descriptionParts: ["My parcel is late"],
      attachments: [photo],
    });
    expect(form.carried).toBeUndefined();
    expect(fill([text("It was due on Monday"), done], form)).toMatchObject({
      step: "summary",
      descriptionParts: ["My parcel is late", "It was due on Monday"],
    });
  });

  it("cuts a carried text longer than a description may be to the limit, and marks the cut", () => {
    const long = "x".repeat(policy.description.maxChars + 1);
    const form = fill(
      [category("account"), priority("standard")],
      carrying({ parts: [long], attachments: [] }),
    );
    const [part] = form.descriptionParts;
    expect(part).toHaveLength(policy.description.maxChars);
    expect(part?.endsWith("x…")).toBe(true);
  });

  it("carries nothing when there was nothing to carry", () => {
    expect(carrying({ parts: [], attachments: [] }).carried).toBeUndefined();
  });
});

describe("articles step", () => {
  it("offers the articles found for the description on Done, at most maxArticles of them", () => {
    const form = fill(
      [text("Where is my parcel?"), doneWith(article(1), article(2), article(3))],
      atDescription(),
    );
    expect(form.step).toBe("articles");
    expect(form.suggestedArticles).toEqual([article(1), article(2)]);
  });

  it("goes straight to the summary when nothing was found", () => {
    const form = fill([text("Where is my parcel?"), doneWith()], atDescription());
    expect(form.step).toBe("summary");
    expect(form.suggestedArticles).toBeUndefined();
  });

  it("goes straight to the summary when the knowledge base is switched off", () => {
    const off = { ...policy, knowledgeBase: { enabled: false, maxArticles: 3 } };
    const outcome = applyInput(
      fill([text("Where is my parcel?")], atDescription()),
      doneWith(article(1)),
      off,
    );
    expect(outcome).toMatchObject({ kind: "updated", form: { step: "summary" } });
  });

  it("closes the form without a submission on This solved it", () => {
    const form = atArticles();
    expect(apply(form, solved)).toEqual({ kind: "deflected", form });
  });

  it("goes on to the summary on I still need help, keeping the articles for the ticket", () => {
    const form = fill([needHelp], atArticles());
    expect(form.step).toBe("summary");
    expect(form.suggestedArticles).toEqual([article(1)]);
  });

  it("refuses other inputs, and the article buttons at other steps", () => {
    const form = atArticles();
    for (const input of [done, confirm, edit]) {
      expectRejected(apply(form, input), form, "not-expected-now");
    }
    for (const step of [atDescription, atSummary, atEdit]) {
      const other = step();
      expectRejected(apply(other, solved), other, "not-expected-now");
      expectRejected(apply(other, needHelp), other, "not-expected-now");
    }
  });

  it("does not offer articles a second time after the description is edited", () => {
    const form = fill(
      [needHelp, edit, editField("description"), text("Still lost"), doneWith(article(2))],
      atArticles(),
    );
    expect(form.step).toBe("summary");
    expect(form.suggestedArticles).toEqual([article(1)]);
  });
});

describe("articleSearchText", () => {
  it("is the description on one line at the description step", () => {
    const form = fill([text("Where is\n my   parcel?"), text("It is late")], atDescription());
    expect(articleSearchText(form, policy)).toBe("Where is my parcel? It is late");
  });

  it("is cut at a word boundary within MAX_ARTICLE_QUERY_CHARS", () => {
    const long = { ...policy, description: { ...policy.description, maxChars: 1000 } };
    const form = applyInput(atDescription(), text("parcel ".repeat(40)), long).form;
    const query = articleSearchText(form, long) ?? "";
    expect(query.length).toBeGreaterThan(MAX_ARTICLE_QUERY_CHARS - "parcel ".length);
    expect(query.length).toBeLessThanOrEqual(MAX_ARTICLE_QUERY_CHARS);
    expect(query.endsWith(" parcel")).toBe(true);
  });

  it("is undefined for attachments only, when switched off, after an offer and at other steps", () => {
    const off = { ...policy, knowledgeBase: { enabled: false, maxArticles: 3 } };
    const described = fill([text("Where is my parcel?")], atDescription());
    expect(articleSearchText(fill([photo("p")], atDescription()), policy)).toBeUndefined();
    expect(articleSearchText(described, off)).toBeUndefined();
    expect(articleSearchText({ ...described, suggestedArticles: [] }, policy)).toBeUndefined();
    expect(articleSearchText(atSummary(), policy)).toBeUndefined();
  });
});

describe("summary and confirm", () => {
  it("submits the form as it is on Confirm", () => {
    const form = atSummary();
    expect(apply(form, confirm)).toEqual({ kind: "submitted", form });
  });

  it.each(["category", "orderId", "priority", "description", "edit"] as const)(
    "refuses Confirm at the %s step",
    (step) => {
      const form = formAt[step]();
      expectRejected(apply(form, confirm), form, "not-expected-now");
    },
  );

  it("adds typed text at the summary to the description", () => {
    const form = fill([text("one more thing")], atSummary());
    expect(form.step).toBe("summary");
    expect(fullDescription(form)).toBe("The parcel never arrived\n\none more thing");
  });

  it("adds typed text at the articles to the description and goes on to the summary", () => {
    const form = fill([text("I read it, the page shows error 500")], atArticles());
    expect(form.step).toBe("summary");
    expect(fullDescription(form)).toBe("The parcel never arrived\n\nI read it, the page shows error 500");
  });

  it("offers the fields on Edit and goes back unchanged on Back", () => {
    const editing = fill([edit], atSummary());
    expect(editing.step).toBe("edit");
    expect(fill([backToSummary], editing)).toEqual({ ...editing, step: "summary" });
  });

  it("refuses choosing a field straight from the summary", () => {
    const form = atSummary();
    expectRejected(apply(form, editField("priority")), form, "not-expected-now");
  });
});

describe("editing from the summary", () => {
  it("returns to the summary after a new category that keeps the order ID", () => {
    const form = fill([editField("category"), category("returns")], atEdit());
    expect(form).toMatchObject({ step: "summary", category: "returns", orderId: "A-10023" });
  });

  it("returns to the summary after a new order ID", () => {
    const form = fill([editField("orderId"), text("b-20046")], atEdit());
    expect(form).toMatchObject({ step: "summary", orderId: "B-20046", returnToSummary: false });
  });

  it("keeps the order ID step's rules while editing it", () => {
    const form = fill([editField("orderId")], atEdit());
    expectRejected(apply(form, noOrderId), form, "order-id-required");
  });

  it("returns to the summary after a new priority", () => {
    const form = fill([editField("priority"), priority("urgent")], atEdit());
    expect(form).toMatchObject({ step: "summary", priority: "urgent", returnToSummary: false });
  });

  it("replaces the whole description and returns to the summary on Done", () => {
    const form = fill([editField("description"), text("A new account"), done], atEdit());
    expect(form).toMatchObject({ step: "summary", descriptionParts: ["A new account"], attachments: [] });
  });

  it("drops the replaced description once the new one is done", () => {
    const form = fill([editField("description"), text("A new account"), done], atEdit());
    expect(form.replacedDescription).toBeUndefined();
  });

  it("goes back to the summary from a field being edited, leaving it as it was", () => {
    const summary = atSummary();
    for (const field of ["category", "orderId", "priority"] as const) {
      const back = fill([edit, editField(field), backToSummary], summary);
      expect(back).toMatchObject({
        step: "summary",
        returnToSummary: false,
        category: "shipping",
        orderId: "A-10023",
      });
    }
  });

  it("restores the old description and files on Back, even after new text was sent", () => {
    const photo = { kind: "photo", fileId: "p1", fileUniqueId: "u1" } as const;
    const summary = fill(
      [text("The parcel never arrived"), { kind: "attachment", attachment: photo }, done],
      atDescription(),
    );
    const back = fill([edit, editField("description"), text("Half a new"), backToSummary], summary);
    expect(back).toMatchObject({
      step: "summary",
      descriptionParts: ["The parcel never arrived"],
      attachments: [photo],
    });
    expect(back.replacedDescription).toBeUndefined();
  });

  it("goes back to the categories, not the summary, from a missing order ID the new category requires", () => {
    const summary = fill([category("payment"), noOrderId, priority("urgent"), text("Card declined"), done]);
    const asked = fill([edit, editField("category"), category("shipping")], summary);
    expect(canGoBack(asked, policy)).toBe(false);
    expectRejected(apply(asked, backToSummary), asked, "not-expected-now");
    const categories = fill([goBack], asked);
    expect(categories).toMatchObject({ step: "category", returnToSummary: true });
    expect(fill([category("payment")], categories)).toMatchObject({
      step: "summary",
      category: "payment",
      orderId: null,
      descriptionParts: ["Card declined"],
    });
  });

  it("asks for an order ID when the new category requires one and none was given", () => {
    const summary = fill([category("payment"), noOrderId, priority("urgent"), text("Card declined"), done]);
    const asked = fill([edit, editField("category"), category("shipping")], summary);
    expect(asked).toMatchObject({ step: "orderId", category: "shipping", orderId: null });
    expect(fill([text("A-10023")], asked)).toMatchObject({ step: "summary", orderId: "A-10023" });
  });

  it("asks for an order ID when leaving a category that took none for one that requires it", () => {
    const summary = fill([category("account"), priority("standard"), text("Locked out"), done]);
    const asked = fill([edit, editField("category"), category("shipping")], summary);
    expect(asked.step).toBe("orderId");
    expect(fill([text("A-10023")], asked).step).toBe("summary");
  });

  it("sends no order ID for a category that takes none, and finds it again on switching back", () => {
    const form = fill([editField("category"), category("account")], atEdit());
    expect(form.step).toBe("summary");
    expect(orderIdSent(form, policy)).toBeNull();
    const back = fill([edit, editField("category"), category("shipping")], form);
    expect(back.step).toBe("summary");
    expect(orderIdSent(back, policy)).toBe("A-10023");
  });

  it("takes an order ID the customer wrote before the form as the answer to its question", () => {
    const carrying = newForm({ formId: "form000001", requestId: "request000000001" }, new Date(0), {
      parts: ["Hi, my parcel with order A-10077 has not arrived"],
      attachments: [],
    });
    expect(fill([category("shipping")], carrying)).toMatchObject({ step: "priority", orderId: "A-10077" });
    expect(fill([category("account")], carrying)).toMatchObject({ step: "priority" });
    expect(fill([category("account")], carrying).orderId).toBeUndefined();
  });

  it("refuses editing the order ID of a category that takes none", () => {
    const summary = fill([category("account"), priority("standard"), text("Locked out"), done, edit]);
    expectRejected(apply(summary, editField("orderId")), summary, "not-expected-now");
  });
});

describe("cancel", () => {
  const described = (form: IntakeForm) => form.descriptionParts.length + form.attachments.length > 0;

  it.each(Object.keys(formAt) as FormStep[])(
    "ends the form at the %s step, asking first once it holds a description",
    (step) => {
      const form = formAt[step]();
      const first = apply(form, cancel);
      if (!described(form)) {
        expect(first).toEqual({ kind: "cancelled", form });
        return;
      }
      expect(first).toEqual({ kind: "updated", form: { ...form, confirmingCancel: true } });
      const asked = (first as { form: IntakeForm }).form;
      expect(apply(asked, cancel)).toEqual({ kind: "cancelled", form: asked });
      expect(apply(asked, { kind: "keep" })).toEqual({ kind: "updated", form });
    },
  );

  it("keeps the form when the customer goes on instead of answering, and leaves the question on a refused input", () => {
    const asked = { ...formAt.description(), confirmingCancel: true };
    const more = apply(asked, text("and one more thing"));
    expect(more.kind).toBe("updated");
    expect(more.form.confirmingCancel).toBeUndefined();
    expect(more.form.descriptionParts.at(-1)).toBe("and one more thing");
    expect(apply(asked, confirm)).toMatchObject({ kind: "rejected", form: asked });
  });
});

describe("any sequence of inputs", () => {
  // Mostly inputs the current step expects, so runs get deep into the form; sometimes any input at all.
  const expected: Record<FormStep, IntakeInput[]> = {
    category: policy.categories.map((c) => category(c.id)),
    orderId: [text("A-10023"), text("a-1 0023"), text("nope"), noOrderId],
    priority: [priority("standard"), priority("urgent")],
    description: [
      text("It broke"),
      text("  "),
      text("x".repeat(60)),
      photo("p", "label"),
      photo("p"),
      done,
      doneWith(article(1), article(2), article(3)),
    ],
    articles: [solved, needHelp],
    summary: [edit, confirm],
    edit: [
      editField("category"),
      editField("orderId"),
      editField("priority"),
      editField("description"),
      backToSummary,
    ],
  };
  const anything = [
    ...Object.values(expected).flat(),
    cancel,
    { kind: "keep" } as const,
    { kind: "back" } as const,
  ];
  const moves = fc.array(fc.record({ onPath: fc.boolean(), pick: fc.nat() }), { maxLength: 60 });
  const rule = (id: Category | undefined) => policy.categories.find((c) => c.id === id)?.orderId;

  function checkComplete(form: IntakeForm) {
    expect(form.category).toBeDefined();
    expect(form.priority).toBeDefined();
    expect(form.descriptionParts.length + form.attachments.length).toBeGreaterThan(0);
    if (rule(form.category) === "required") expect(typeof form.orderId).toBe("string");
  }

  it("never reaches the summary incomplete, nor sends an order ID for a category that takes none", () => {
    fc.assert(
      fc.property(moves, (steps) => {
        let form = fresh();
        for (const { onPath, pick } of steps) {
          const choices = onPath ? expected[form.step] : anything;
          const outcome = apply(form, choices[pick % choices.length] as IntakeInput);
          if (outcome.kind === "rejected") expect(outcome.form).toBe(form);
          if (outcome.kind === "submitted" || outcome.kind === "deflected") checkComplete(outcome.form);
          if (outcome.kind !== "updated") continue;
          form = outcome.form;
          if (form.step === "summary" || form.step === "articles") checkComplete(form);
          expect(form.suggestedArticles?.length ?? 0).toBeLessThanOrEqual(policy.knowledgeBase.maxArticles);
          if (rule(form.category) === "skip") expect(orderIdSent(form, policy)).toBeNull();
          expect(fullDescription(form).length).toBeLessThanOrEqual(policy.description.maxChars);
          expect(form.attachments.length).toBeLessThanOrEqual(policy.description.maxAttachments);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
