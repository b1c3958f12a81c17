import { LOCALES, type Locale, PRIORITIES } from "../../domain/events.js";
import type { EditableField } from "../../domain/intake/form.js";
import type { IntakeInput } from "../../domain/intake/transitions.js";
import { CATEGORIES } from "../../domain/routing/categories.js";

/**
 * Button payloads. Telegram allows 1-64 bytes, so state stays on the server and a button carries a versioned
 * verb: `f1:<formId>:<action>[:<arg>]` for form buttons, `n1` for "new request", `l1:<locale>` for language,
 * `g1:y` / `g1:n` to confirm or decline /forget.
 * Anything that does not parse is treated as a stale button, never trusted.
 */
export type ButtonAction =
  | { kind: "form"; formId: string; input: IntakeInput }
  | { kind: "new-request" }
  | { kind: "language"; locale: Locale }
  | { kind: "forget"; confirmed: boolean };

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
  x: "cancel",
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
export const languageButton = (locale: Locale) => `l1:${locale}`;
export const FORGET_BUTTONS = { confirm: "g1:y", keep: "g1:n" } as const;

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
  if (version === "l1")
    return oneOf(LOCALES, first) && code === undefined ? { kind: "language", locale: first } : undefined;
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
