import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LOCALES, PRIORITIES } from "../../domain/events.js";
import type { IntakeInput } from "../../domain/intake/transitions.js";
import { CATEGORIES } from "../../domain/routing/categories.js";
import {
  answerButton,
  type ButtonAction,
  continueFormButton,
  FORGET_BUTTONS,
  formButton,
  languageButton,
  NEW_REQUEST_BUTTON,
  parseButton,
  ratingButton,
  reopenButton,
  SCORES,
  ticketChoiceButton,
} from "./callback-data.js";

/** Every input a form button can carry. */
const buttonInputs: IntakeInput[] = [
  ...CATEGORIES.map((category) => ({ kind: "category", category }) as const),
  ...PRIORITIES.map((priority) => ({ kind: "priority", priority }) as const),
  ...(["category", "orderId", "priority", "description"] as const).map(
    (field) => ({ kind: "editField", field }) as const,
  ),
  { kind: "noOrderId" },
  { kind: "done" },
  { kind: "confirm" },
  { kind: "edit" },
  { kind: "backToSummary" },
  { kind: "solved" },
  { kind: "needHelp" },
  { kind: "cancel" },
];
const longestFormId = "Zz9_-Zz9_-Zz9_-Z";

describe("form buttons", () => {
  it.each(buttonInputs.map((input) => [JSON.stringify(input), input] as const))(
    "round-trips %s",
    (_, input) => {
      expect(parseButton(formButton("abc123DEF_", input))).toEqual({
        kind: "form",
        formId: "abc123DEF_",
        input,
      });
    },
  );

  it("stays within Telegram's 64 bytes with the longest form id", () => {
    expect(longestFormId).toHaveLength(16);
    for (const input of buttonInputs) {
      expect(Buffer.byteLength(formButton(longestFormId, input))).toBeLessThanOrEqual(64);
    }
  });

  it.each([
    { kind: "text", text: "hi" },
    { kind: "attachment", attachment: { kind: "photo", fileId: "f", fileUniqueId: "u" } },
  ] satisfies IntakeInput[])("has no button for $kind input", (input) => {
    expect(() => formButton("abc123DEF_", input)).toThrow(/no button/);
  });
});

describe("other buttons", () => {
  it("round-trips the new request button", () => {
    expect(parseButton(NEW_REQUEST_BUTTON)).toEqual({ kind: "new-request" });
  });

  it.each(LOCALES)("round-trips the %s language button", (locale) => {
    expect(parseButton(languageButton(locale))).toEqual({ kind: "language", locale });
  });

  it("round-trips a ticket choice for a message and for an edit of it", () => {
    expect(parseButton(ticketChoiceButton({ messageId: 17 }, 42))).toEqual({
      kind: "pick-ticket",
      held: { messageId: 17 },
      ticketId: 42,
    });
    expect(parseButton(ticketChoiceButton({ messageId: 17, editDate: 1_800_000_000 }, 42))).toEqual({
      kind: "pick-ticket",
      held: { messageId: 17, editDate: 1_800_000_000 },
      ticketId: 42,
    });
  });

  it("keeps the largest ids within Telegram's 64 bytes", () => {
    const big = Number.MAX_SAFE_INTEGER % 10 ** 15;
    expect(Buffer.byteLength(ticketChoiceButton({ messageId: big, editDate: big }, big))).toBeLessThanOrEqual(
      64,
    );
  });

  it("round-trips reopen, answer and every rating", () => {
    expect(parseButton(reopenButton(42))).toEqual({ kind: "reopen", ticketId: 42 });
    expect(parseButton(answerButton(42))).toEqual({ kind: "answer", ticketId: 42 });
    for (const score of SCORES) {
      expect(parseButton(ratingButton(42, score))).toEqual({ kind: "rating", ticketId: 42, score });
    }
  });

  it("round-trips the Continue button of a form's reminder", () => {
    expect(parseButton(continueFormButton("abcdefgh12"))).toEqual({
      kind: "continue-form",
      formId: "abcdefgh12",
    });
  });

  it("reads the /forget confirm and keep buttons", () => {
    expect(parseButton(FORGET_BUTTONS.confirm)).toEqual({ kind: "forget", confirmed: true });
    expect(parseButton(FORGET_BUTTONS.keep)).toEqual({ kind: "forget", confirmed: false });
  });
});

describe("parseButton refuses", () => {
  it.each([
    ["no data", undefined],
    ["an empty string", ""],
    ["junk", "garbage"],
    ["an unknown version", "f2:abcdefgh:d"],
    ["a future new-request version", "n2"],
    ["a form id that is too short", "f1:abc:d"],
    ["a form id that is too long", "f1:abcdefghijklmnopq:d"],
    ["a form id with other characters", "f1:abc$defg:d"],
    ["a missing form id", "f1"],
    ["an unknown action", "f1:abcdefgh:q"],
    ["an unknown category", "f1:abcdefgh:c:groceries"],
    ["a category button without its category", "f1:abcdefgh:c"],
    ["an unknown priority", "f1:abcdefgh:p:whenever"],
    ["an unknown field", "f1:abcdefgh:f:email"],
    ["an argument where none belongs", "f1:abcdefgh:d:now"],
    ["extra segments", "f1:abcdefgh:c:shipping:more"],
    ["an unknown language", "l1:fr"],
    ["a language with extra segments", "l1:en:x"],
    ["an unknown forget answer", "g1:maybe"],
    ["a future forget version", "g2:y"],
    ["data over 64 bytes", `f1:abcdefgh:c:shipping${"x".repeat(50)}`],
    ["a ticket choice without its ticket", "t1:17"],
    ["a ticket choice with ticket 0", "t1:17:0"],
    ["a ticket choice with a leading zero", "t1:017:4"],
    ["a ticket id past 15 digits", "t1:17:1234567890123456"],
    ["a rating of 6", "s1:42:6"],
    ["a rating of 0", "s1:42:0"],
    ["a rating without its score", "s1:42"],
    ["a reopen with an argument", "r1:42:x"],
    ["an answer with an argument", "a1:42:1"],
    ["an answer without its ticket", "a1:"],
    ["a continue button without its form", "c1"],
    ["a continue button with a form id that is too short", "c1:abc"],
    ["a continue button with an argument", "c1:abcdefgh:d"],
  ])("%s", (_, data) => {
    expect(parseButton(data)).toBeUndefined();
  });

  it("anything but data the bot itself could have produced", () => {
    const reproduce = (action: ButtonAction) => {
      switch (action.kind) {
        case "form":
          return formButton(action.formId, action.input);
        case "language":
          return languageButton(action.locale);
        case "new-request":
          return NEW_REQUEST_BUTTON;
        case "pick-ticket":
          return ticketChoiceButton(action.held, action.ticketId);
        case "reopen":
          return reopenButton(action.ticketId);
        case "rating":
          return ratingButton(action.ticketId, action.score);
        case "answer":
          return answerButton(action.ticketId);
        case "forget":
          return FORGET_BUTTONS[action.confirmed ? "confirm" : "keep"];
        case "continue-form":
          return continueFormButton(action.formId);
      }
    };
    const data = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.stringMatching(/^[flngc][0-9]:[A-Za-z0-9_$-]{0,18}(:[a-z]{0,2}(:[A-Za-z]{0,12})?)?$/),
      fc.stringMatching(/^[trsa][0-9]:[0-9e]{0,18}(:[0-9]{0,17}(:[0-9]{0,2})?)?$/),
    );
    fc.assert(
      fc.property(data, (value) => {
        const action = parseButton(value);
        if (action) expect(reproduce(action)).toBe(value);
      }),
      { numRuns: 3000 },
    );
  });
});
