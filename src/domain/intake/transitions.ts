import type { Attachment, Priority, SuggestedArticle } from "../events.js";
import type { Category } from "../routing/categories.js";
import type { EditableField, IntakeForm } from "./form.js";
import { fullDescription } from "./form.js";
import { categoryPolicy, type IntakePolicy, orderIdIn } from "./policy.js";

export type IntakeInput =
  | { kind: "category"; category: Category }
  /** `order`: where the message stands in the chat (its Telegram message id), when it has one. */
  | { kind: "text"; text: string; order?: number }
  | { kind: "noOrderId" }
  | { kind: "priority"; priority: Priority }
  | { kind: "attachment"; attachment: Attachment; caption?: string; order?: number }
  /** `articles`: what the knowledge base found for the description, looked up by the caller beforehand. */
  | { kind: "done"; articles?: readonly SuggestedArticle[] }
  | { kind: "solved" }
  | { kind: "needHelp" }
  | { kind: "edit" }
  | { kind: "editField"; field: EditableField }
  | { kind: "backToSummary" }
  | { kind: "confirm" }
  | { kind: "cancel" }
  /** "Keep it" on the question a Cancel of a described form asks. */
  | { kind: "keep" }
  /** Back to the question before, while filling the form in (an edit from the summary has its own Back). */
  | { kind: "back" };

/** Why an input was not accepted; the form stays as it was and the customer is told how to go on. */
export type Rejection =
  /** `required`: the category takes no "I don't have one", so the customer needs to know where to look. */
  | { reason: "invalid-order-id"; example: string; required: boolean }
  | { reason: "order-id-required" }
  | { reason: "description-empty" }
  | { reason: "description-too-long"; maxChars: number }
  | { reason: "too-many-messages"; max: number }
  | { reason: "too-many-attachments"; max: number }
  | { reason: "not-expected-now" };

export type Outcome =
  | { kind: "updated"; form: IntakeForm }
  | { kind: "submitted"; form: IntakeForm }
  | { kind: "cancelled"; form: IntakeForm }
  /** An offered article solved the issue: the form closes without a ticket. */
  | { kind: "deflected"; form: IntakeForm }
  | { kind: "rejected"; form: IntakeForm; rejection: Rejection };

/** The step after `form.step` once its field is filled, honouring an edit started from the summary. */
function advance(form: IntakeForm, policy: IntakePolicy): IntakeForm {
  const next = nextMissingStep(form, policy);
  if (form.returnToSummary && next === "summary") return { ...form, step: "summary", returnToSummary: false };
  if (next === "description" && form.carried) {
    // The step is still shown: the carried message may be only the start ("hello, I have a problem").
    const { carried, ...rest } = form;
    const limits = policy.description;
    // Carried messages over the description's limits (a long burst) become one part, cut to length and marked.
    const text = fullDescription({ descriptionParts: carried.parts });
    const fits = text.length <= limits.maxChars && carried.parts.length <= limits.maxParts;
    const parts = fits
      ? carried.parts
      : [text.length <= limits.maxChars ? text : `${text.slice(0, limits.maxChars - 1)}…`];
    return {
      ...rest,
      step: next,
      descriptionParts: [...parts],
      attachments: carried.attachments.slice(0, limits.maxAttachments),
    };
  }
  return { ...form, step: next };
}

function nextMissingStep(form: IntakeForm, policy: IntakePolicy): IntakeForm["step"] {
  if (form.category === undefined) return "category";
  const rule = categoryPolicy(policy, form.category).orderId;
  if (rule !== "skip" && form.orderId === undefined) return "orderId";
  if (rule === "required" && form.orderId === null) return "orderId";
  if (form.priority === undefined) return "priority";
  if (!hasDescription(form)) return "description";
  return "summary";
}

const reject = (form: IntakeForm, rejection: Rejection): Outcome => ({ kind: "rejected", form, rejection });

/** Whether the customer has described the problem yet, in words or files. */
const hasDescription = (form: IntakeForm): boolean =>
  form.descriptionParts.length + form.attachments.length > 0;

/**
 * The intake form as a pure state machine: given the form and one input, the next form or the reason the
 * input was refused. Rendering, storage and Telegram are the caller's.
 */
export function applyInput(form: IntakeForm, input: IntakeInput, policy: IntakePolicy): Outcome {
  if (input.kind === "cancel") {
    return hasDescription(form) && !form.confirmingCancel
      ? { kind: "updated", form: { ...form, confirmingCancel: true } }
      : { kind: "cancelled", form };
  }
  if (!form.confirmingCancel) return applyToStep(form, input, policy);
  // Anything but a second Cancel keeps the form: Keep it, or simply going on with it. A refused input
  // leaves the question as it was.
  const { confirmingCancel: _asked, ...kept } = form;
  if (input.kind === "keep") return { kind: "updated", form: kept };
  const outcome = applyToStep(kept, input, policy);
  return outcome.kind === "rejected" ? reject(form, outcome.rejection) : outcome;
}

/**
 * The question before the form's current one, when the customer may go back to it: the order ID, priority
 * and empty description steps of a form being filled in. Its answer stays until the customer gives another,
 * and the form then goes on from the first question still unanswered.
 */
export function previousStep(form: IntakeForm, policy: IntakePolicy): IntakeForm["step"] | undefined {
  // Editing from the summary, Back leaves the field as it was (`canGoBack`). After a switch to a category that
  // requires an order ID the customer lacks there is nothing to leave as it was: Back offers the categories.
  if (form.returnToSummary)
    return form.step === "orderId" && !canGoBack(form, policy) ? "category" : undefined;
  const takesOrderId =
    form.category !== undefined && categoryPolicy(policy, form.category).orderId !== "skip";
  switch (form.step) {
    case "orderId":
      return "category";
    case "priority":
      return takesOrderId ? "orderId" : "category";
    // Once the description has begun, Done and Cancel are the way on; a changed priority would skip it.
    case "description":
      return hasDescription(form) ? undefined : "priority";
    default:
      return undefined;
  }
}

function applyToStep(form: IntakeForm, input: IntakeInput, policy: IntakePolicy): Outcome {
  if (input.kind === "back") {
    const step = previousStep(form, policy);
    return step ? { kind: "updated", form: { ...form, step } } : reject(form, { reason: "not-expected-now" });
  }
  if (input.kind === "backToSummary" && form.step !== "edit") {
    return canGoBack(form, policy)
      ? { kind: "updated", form: { ...withoutEdit(form), step: "summary", returnToSummary: false } }
      : reject(form, { reason: "not-expected-now" });
  }
  switch (form.step) {
    case "category":
      if (isMessage(input)) return keepForDescription(form, input, policy);
      // Button data is client-supplied: a category this deployment does not offer is a stale or forged press.
      if (input.kind !== "category" || !policy.categories.some((c) => c.id === input.category)) {
        return reject(form, { reason: "not-expected-now" });
      }
      return updated(chooseCategory(form, input.category, policy), policy);
    case "orderId":
      return enterOrderId(form, input, policy);
    case "priority":
      if (isMessage(input)) return keepForDescription(form, input, policy);
      if (input.kind !== "priority") return reject(form, { reason: "not-expected-now" });
      return updated({ ...form, priority: input.priority }, policy);
    case "description":
      return describe(form, input, policy);
    case "articles":
      if (input.kind === "solved") return { kind: "deflected", form };
      if (input.kind === "needHelp") return { kind: "updated", form: { ...form, step: "summary" } };
      // More about the problem after reading the articles: they did not help.
      if (isMessage(input)) return withStep(addToDescription(form, input, policy), "summary");
      return reject(form, { reason: "not-expected-now" });
    case "summary":
      if (input.kind === "confirm") return { kind: "submitted", form };
      if (input.kind === "edit") return { kind: "updated", form: { ...form, step: "edit" } };
      if (isMessage(input)) return addToDescription(form, input, policy);
      return reject(form, { reason: "not-expected-now" });
    case "edit":
      if (input.kind === "backToSummary") return { kind: "updated", form: { ...form, step: "summary" } };
      if (input.kind !== "editField" || !isEditable(form, input.field, policy)) {
        return reject(form, { reason: "not-expected-now" });
      }
      return { kind: "updated", form: startEditing(form, input.field) };
  }
}

/**
 * Whether a field being edited from the summary can be left as it was: the summary must still be complete
 * (after switching to a category that requires an order ID, there is none to go back to).
 */
export function canGoBack(form: IntakeForm, policy: IntakePolicy): boolean {
  return form.returnToSummary && nextMissingStep(withoutEdit(form), policy) === "summary";
}

/** The form as it was before the field being edited was touched: a description being replaced comes back. */
function withoutEdit(form: IntakeForm): IntakeForm {
  const { replacedDescription, descriptionOrder: _order, ...rest } = form;
  if (!replacedDescription) return form;
  return {
    ...rest,
    descriptionParts: [...replacedDescription.parts],
    attachments: [...replacedDescription.attachments],
  };
}

function updated(form: IntakeForm, policy: IntakePolicy): Outcome {
  return { kind: "updated", form: advance(form, policy) };
}

/**
 * An order ID given for another category stays (a category that takes none just does not show or send it, so
 * switching back finds it again); one the customer already wrote before the form answers the question.
 */
function chooseCategory(form: IntakeForm, category: Category, policy: IntakePolicy): IntakeForm {
  const rule = categoryPolicy(policy, category).orderId;
  const written =
    form.carried && orderIdIn(policy, fullDescription({ descriptionParts: form.carried.parts }));
  const orderId = form.orderId === undefined && rule !== "skip" && written ? written : form.orderId;
  return { ...form, category, ...(orderId === undefined ? {} : { orderId }) };
}

/** The order ID the request is sent with: none for a category that takes none. */
export function orderIdSent(form: IntakeForm, policy: IntakePolicy): string | null {
  const rule = form.category === undefined ? "optional" : categoryPolicy(policy, form.category).orderId;
  return rule === "skip" ? null : (form.orderId ?? null);
}

function enterOrderId(form: IntakeForm, input: IntakeInput, policy: IntakePolicy): Outcome {
  const rule = form.category ? categoryPolicy(policy, form.category).orderId : "optional";
  if (input.kind === "noOrderId") {
    if (rule === "required") return reject(form, { reason: "order-id-required" });
    return updated({ ...form, orderId: null }, policy);
  }
  // A photo of the receipt is not the order ID, but it belongs to the description.
  if (input.kind === "attachment") return keepForDescription(form, input, policy);
  if (input.kind !== "text") return reject(form, { reason: "not-expected-now" });
  const orderId = orderIdIn(policy, input.text);
  if (orderId === undefined) {
    return reject(form, {
      reason: "invalid-order-id",
      example: policy.orderId.example,
      required: rule === "required",
    });
  }
  // "My parcel A-10077 is lost, tracking has not moved for 10 days" answers the question and tells the story.
  const tellsMore = input.text.split(/\s+/).filter(Boolean).length > STORY_WORDS;
  const answered = { ...form, orderId };
  const kept = tellsMore ? keepForDescription(answered, input, policy) : undefined;
  return updated(kept?.kind === "updated" ? kept.form : answered, policy);
}

/** More words than an order ID with its label ("here is my order number: A-10023") is a story to keep. */
const STORY_WORDS = 6;

type MessageInput = Extract<IntakeInput, { kind: "text" | "attachment" }>;
const isMessage = (input: IntakeInput): input is MessageInput =>
  input.kind === "text" || input.kind === "attachment";

const withStep = (outcome: Outcome, step: IntakeForm["step"]): Outcome =>
  outcome.kind === "updated" ? { kind: "updated", form: { ...outcome.form, step } } : outcome;

/**
 * A message typed while the form waits for a button (or an order ID) tells the problem: nothing the customer
 * writes is dropped. Before the description step it is kept to open it, as a message written before the form
 * is; once the form has a description (a field edited from the summary), it is added to that.
 */
function keepForDescription(form: IntakeForm, input: MessageInput, policy: IntakePolicy): Outcome {
  if (hasDescription(form)) return addToDescription(form, input, policy);
  const carried = form.carried ?? { parts: [], attachments: [], messages: 0 };
  // Within the description's limits, refused as the description step refuses, not cut later unseen.
  const { descriptionOrder: _order, ...unordered } = form;
  const added = addToDescription(
    { ...unordered, descriptionParts: carried.parts, attachments: carried.attachments },
    input,
    policy,
  );
  if (added.kind === "rejected") return reject(form, added.rejection);
  const { descriptionParts: parts, attachments } = added.form;
  return {
    kind: "updated",
    form: { ...form, carried: { parts, attachments, messages: (carried.messages ?? 1) + 1 } },
  };
}

function describe(form: IntakeForm, input: IntakeInput, policy: IntakePolicy): Outcome {
  if (input.kind === "done") {
    if (!hasDescription(form)) {
      return reject(form, { reason: "description-empty" });
    }
    const articles = input.articles?.slice(0, policy.knowledgeBase.maxArticles) ?? [];
    if (articleSearchText(form, policy) !== undefined && articles.length > 0) {
      const { replacedDescription: _replaced, ...described } = form;
      return {
        kind: "updated",
        form: { ...described, step: "articles", suggestedArticles: articles, returnToSummary: false },
      };
    }
    const { replacedDescription: _replaced, ...described } = form;
    return { kind: "updated", form: { ...described, step: "summary", returnToSummary: false } };
  }
  if (isMessage(input)) return addToDescription(form, input, policy);
  return reject(form, { reason: "not-expected-now" });
}

/** One more message of the description, within its limits. */
function addToDescription(form: IntakeForm, input: MessageInput, policy: IntakePolicy): Outcome {
  const limits = policy.description;
  const text = input.kind === "text" ? input.text : input.caption;
  const described = text?.trim() ? withPart(form, text.trim(), input.order) : form;
  const parts = described.descriptionParts;
  if (parts.length > limits.maxParts)
    return reject(form, { reason: "too-many-messages", max: limits.maxParts });
  if (fullDescription({ descriptionParts: parts }).length > limits.maxChars) {
    return reject(form, { reason: "description-too-long", maxChars: limits.maxChars });
  }
  if (input.kind === "attachment" && form.attachments.length >= limits.maxAttachments) {
    return reject(form, { reason: "too-many-attachments", max: limits.maxAttachments });
  }
  const attachments =
    input.kind === "attachment" ? [...form.attachments, input.attachment] : form.attachments;
  return { kind: "updated", form: { ...described, attachments } };
}

/**
 * The description with one more part, in the order the customer wrote: Telegram may deliver a chat's messages
 * at once (a long text the app split in several), and the later one can arrive first. Parts without an order
 * (carried into the form, or restored) came before every typed one.
 */
function withPart(form: IntakeForm, part: string, order: number | undefined): IntakeForm {
  const known = form.descriptionOrder ?? [];
  if (order === undefined || known.length > form.descriptionParts.length)
    return { ...form, descriptionParts: [...form.descriptionParts, part] };
  const laterTyped = known.findIndex((o) => o > order);
  const at = laterTyped === -1 ? known.length : laterTyped;
  const unordered = form.descriptionParts.length - known.length;
  return {
    ...form,
    descriptionParts: form.descriptionParts.toSpliced(unordered + at, 0, part),
    descriptionOrder: known.toSpliced(at, 0, order),
  };
}

/** The summary offers no order ID for a category that takes none; a forged press must not add one. */
function isEditable(form: IntakeForm, field: EditableField, policy: IntakePolicy): boolean {
  return (
    field !== "orderId" ||
    (form.category !== undefined && categoryPolicy(policy, form.category).orderId !== "skip")
  );
}

function startEditing(form: IntakeForm, field: EditableField): IntakeForm {
  if (field === "description") {
    // A new description replaces the old one whole; half-merged text would misstate the issue. The old one
    // is kept until the new one is done, so Back restores it.
    return {
      ...form,
      step: "description",
      returnToSummary: true,
      descriptionParts: [],
      descriptionOrder: [],
      attachments: [],
      replacedDescription: { parts: form.descriptionParts, attachments: form.attachments },
    };
  }
  return { ...form, step: field, returnToSummary: true };
}

/** Long enough to carry the gist of a description; a whole description would make an unwieldy URL. */
export const MAX_ARTICLE_QUERY_CHARS = 200;

/**
 * The text to search the knowledge base with when the customer finishes this description, or `undefined`
 * when no articles are to be offered: the feature is off, the description has no text (attachments only),
 * or articles were offered once already (a customer who said they still need help is not asked again).
 */
export function articleSearchText(form: IntakeForm, policy: IntakePolicy): string | undefined {
  if (!policy.knowledgeBase.enabled || form.step !== "description" || form.suggestedArticles !== undefined) {
    return undefined;
  }
  const text = fullDescription(form).replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  if (text.length <= MAX_ARTICLE_QUERY_CHARS) return text;
  const cut = text.slice(0, MAX_ARTICLE_QUERY_CHARS + 1);
  const lastSpace = cut.lastIndexOf(" ");
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : cut.slice(0, MAX_ARTICLE_QUERY_CHARS)).trim();
}
