import { LOCALES, type Locale, PRIORITIES } from "../../domain/events.js";
import type { EditableField } from "../../domain/intake/form.js";
import type { IntakeInput } from "../../domain/intake/transitions.js";
import { CATEGORIES } from "../../domain/routing/categories.js";

/**
 * Button payloads. Telegram allows 1-64 bytes, so state stays on the server and a button carries a versioned
 * verb: `f1:<formId>:<action>[:<arg>]` for form buttons, `n1` for "new request", `l1:<locale>` for language,
 * `t1:<held message>:<ticket>` for "this message is about ticket N", `r1:<ticket>` to reopen a solved ticket
 * and `s1:<ticket>:<1-5>` to rate it, `a1:<ticket>` to answer an agent's reply, `g1:y` / `g1:n` to confirm
 * or decline /forget, `c1:<formId>` to show a form in progress again (its reminder's button). Anything that
 * does not parse is treated as a stale button, never trusted.
 */
export type ButtonAction =
  | { kind: "form"; formId: string; input: IntakeInput }
  | { kind: "new-request" }
  | { kind: "language"; locale: Locale }
  | { kind: "pick-ticket"; held: HeldMessageRef; ticketId: number }
  | { kind: "reopen"; ticketId: number }
  | { kind: "rating"; ticketId: number; score: Score }
  | { kind: "answer"; ticketId: number }
  | { kind: "forget"; confirmed: boolean }
  | { kind: "continue-form"; formId: string };

/** A customer's message the bot holds until they choose its ticket: its id, and the edit's date for an edit. */
export interface HeldMessageRef {
  readonly messageId: number;
  readonly editDate?: number;
}

export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];

const FIELDS: readonly EditableField[] = ["category", "orderId", "priority", "description"];
const FORM_ID = /^[A-Za-z0-9_-]{6,16}$/;

const formCodes = {
  c: "category",
  n: "noOrderId",
  p: "priority",
  d: "done",
  s: "confirm",
  e: "edit",
  f: "editField",
  b: "backToSummary",
  y: "solved",
  h: "needHelp",
  x: "cancel",
  k: "keep",
  v: "back",
} as const satisfies Record<string, IntakeInput["kind"]>;
type FormCode = keyof typeof formCodes;

export function formButton(formId: string, input: IntakeInput): string {
  const code = (Object.keys(formCodes) as FormCode[]).find((c) => formCodes[c] === input.kind);
  if (!code) throw new Error(`no button for form input ${input.kind}`);
  const arg =
    input.kind === "category"
      ? input.category
      : input.kind === "priority"
        ? input.priority
        : input.kind === "editField"
          ? input.field
          : undefined;
  return arg === undefined ? `f1:${formId}:${code}` : `f1:${formId}:${code}:${arg}`;
}

export const NEW_REQUEST_BUTTON = "n1";
export const continueFormButton = (formId: string) => `c1:${formId}`;
export const languageButton = (locale: Locale) => `l1:${locale}`;
export const FORGET_BUTTONS = { confirm: "g1:y", keep: "g1:n" } as const;

/** The held message's key, in buttons and in storage: `<messageId>` or `<messageId>e<editDate>`. */
export const heldMessageKey = (held: HeldMessageRef) =>
  held.editDate === undefined ? String(held.messageId) : `${held.messageId}e${held.editDate}`;
export const ticketChoiceButton = (held: HeldMessageRef, ticketId: number) =>
  `t1:${heldMessageKey(held)}:${ticketId}`;
export const reopenButton = (ticketId: number) => `r1:${ticketId}`;
export const ratingButton = (ticketId: number, score: Score) => `s1:${ticketId}:${score}`;
export const answerButton = (ticketId: number) => `a1:${ticketId}`;

const ID = /^[1-9]\d{0,14}$/;
const HELD = /^([1-9]\d{0,14})(?:e([1-9]\d{0,14}))?$/;
const idOf = (text: string | undefined) => (text !== undefined && ID.test(text) ? Number(text) : undefined);

/** The message a held key names; undefined for a key `heldMessageKey` did not make. */
export function heldRefOf(heldKey: string): HeldMessageRef | undefined {
  const held = HELD.exec(heldKey);
  if (!held) return undefined;
  return { messageId: Number(held[1]), ...(held[2] === undefined ? {} : { editDate: Number(held[2]) }) };
}

/** The ticket buttons: `t1`, `r1`, `s1` and `a1`; undefined for anything malformed. */
function ticketButton(
  version: string | undefined,
  parts: readonly (string | undefined)[],
): ButtonAction | undefined {
  const [first, second, ...rest] = parts;
  if (rest.some((part) => part !== undefined)) return undefined;
  if (version === "r1" || version === "a1") {
    const ticketId = idOf(first);
    if (ticketId === undefined || second !== undefined) return undefined;
    return version === "r1" ? { kind: "reopen", ticketId } : { kind: "answer", ticketId };
  }
  if (version === "s1") {
    const ticketId = idOf(first);
    const score = SCORES.find((s) => String(s) === second);
    return ticketId !== undefined && score !== undefined ? { kind: "rating", ticketId, score } : undefined;
  }
  const held = heldRefOf(first ?? "");
  const ticketId = idOf(second);
  if (!held || ticketId === undefined) return undefined;
  return { kind: "pick-ticket", held, ticketId };
}

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

export function parseButton(data: string | undefined): ButtonAction | undefined {
  if (data === undefined || Buffer.byteLength(data) > 64) return undefined;
  if (data === NEW_REQUEST_BUTTON) return { kind: "new-request" };
  if (data === FORGET_BUTTONS.confirm || data === FORGET_BUTTONS.keep) {
    return { kind: "forget", confirmed: data === FORGET_BUTTONS.confirm };
  }
  const [version, first, code, arg, ...rest] = data.split(":");
  if (rest.length > 0) return undefined;
  if (version === "t1" || version === "r1" || version === "s1" || version === "a1")
    return ticketButton(version, [first, code, arg]);
  if (version === "l1")
    return oneOf(LOCALES, first) && code === undefined ? { kind: "language", locale: first } : undefined;
  if (version === "c1")
    return first !== undefined && FORM_ID.test(first) && code === undefined
      ? { kind: "continue-form", formId: first }
      : undefined;
  if (
    version !== "f1" ||
    first === undefined ||
    !FORM_ID.test(first) ||
    !oneOf(Object.keys(formCodes), code)
  ) {
    return undefined;
  }
  const input = formInput(formCodes[code as FormCode], arg);
  return input ? { kind: "form", formId: first, input } : undefined;
}

function formInput(kind: (typeof formCodes)[FormCode], arg: string | undefined): IntakeInput | undefined {
  switch (kind) {
    case "category":
      return oneOf(CATEGORIES, arg) ? { kind, category: arg } : undefined;
    case "priority":
      return oneOf(PRIORITIES, arg) ? { kind, priority: arg } : undefined;
    case "editField":
      return oneOf(FIELDS, arg) ? { kind, field: arg } : undefined;
    default:
      return arg === undefined ? { kind } : undefined;
  }
}
