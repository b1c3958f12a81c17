import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Locale } from "../../domain/events.js";
import { fullDescription, type IntakeForm } from "../../domain/intake/form.js";
import { categoryPolicy, type IntakePolicy } from "../../domain/intake/policy.js";
import { canGoBack, previousStep } from "../../domain/intake/transitions.js";
import { formButton } from "./callback-data.js";
import { escapeHtml, truncate } from "./html.js";
import { translator } from "./i18n.js";

export interface RenderedMessage {
  text: string;
  keyboard: InlineKeyboardMarkup;
}

/** Room left for the description in the summary, well inside Telegram's 4,096 characters. */
const SUMMARY_DESCRIPTION_CHARS = 2500;
/** Telegram cuts long button labels itself, with no documented limit; a title this long stays readable. */
const ARTICLE_BUTTON_CHARS = 60;

const kebab = (value: string) => value.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The form message for the form's current step: what is filled in so far, then the next question. */
export function renderForm(form: IntakeForm, locale: Locale, policy: IntakePolicy): RenderedMessage {
  const t = translator(locale);
  const button = (key: string, input: Parameters<typeof formButton>[1]): InlineKeyboardButton => ({
    text: t(key),
    callback_data: formButton(form.formId, input),
  });
  const cancel = button("button-cancel", { kind: "cancel" });
  // While a field is edited from the summary, Back leaves it as it was.
  const lastRow = canGoBack(form, policy)
    ? [button("button-back", { kind: "backToSummary" }), cancel]
    : previousStep(form, policy)
      ? [button("button-back", { kind: "back" }), cancel]
      : [cancel];
  const rule = form.category ? categoryPolicy(policy, form.category) : undefined;

  const facts: string[] = [];
  if (form.category) facts.push(`${t("form-field-category")}: ${t(`category-${form.category}`)}`);
  if (form.orderId !== undefined && rule?.orderId !== "skip") {
    facts.push(
      `${t("form-field-order-id")}: ${form.orderId === null ? t("form-no-order-id") : escapeHtml(form.orderId)}`,
    );
  }
  if (form.priority) facts.push(`${t("form-field-priority")}: ${t(`priority-${form.priority}`)}`);

  const page = (question: string, rows: InlineKeyboardButton[][]): RenderedMessage => ({
    text: [form.step === "summary" ? t("form-summary-title") : t("form-title"), facts.join("\n"), question]
      .filter(Boolean)
      .join("\n\n"),
    keyboard: { inline_keyboard: rows },
  });

  if (form.confirmingCancel) {
    const messages = form.descriptionParts.length;
    return page(t("form-confirm-cancel", { messages, attachments: form.attachments.length }), [
      [button("button-cancel-confirm", { kind: "cancel" })],
      [button("button-keep-form", { kind: "keep" })],
    ]);
  }

  // What the customer wrote before the description step: it is kept, and the form says so until it is used.
  const carriedNote = form.carried ? `\n\n${t("form-carried", { count: form.carried.messages ?? 1 })}` : "";
  switch (form.step) {
    case "category":
      return page(t("form-ask-category") + carriedNote, [
        ...policy.categories.map((c) => [button(`category-${c.id}`, { kind: "category", category: c.id })]),
        lastRow,
      ]);
    case "orderId":
      return page(t("form-ask-order-id", { example: escapeHtml(policy.orderId.example) }) + carriedNote, [
        ...(rule?.orderId === "optional" ? [[button("button-no-order-id", { kind: "noOrderId" })]] : []),
        lastRow,
      ]);
    case "priority": {
      const urgent = button(rule?.suggestUrgent ? "priority-urgent-suggested" : "priority-urgent", {
        kind: "priority",
        priority: "urgent",
      });
      const standard = button("priority-standard", { kind: "priority", priority: "standard" });
      const question =
        t("form-ask-priority") +
        (rule?.suggestUrgent ? `\n\n${t("form-ask-priority-suggested")}` : "") +
        carriedNote;
      return page(question, [rule?.suggestUrgent ? [urgent, standard] : [standard, urgent], lastRow]);
    }
    case "description": {
      const messages = form.descriptionParts.length;
      const attachments = form.attachments.length;
      const progress =
        messages > 0
          ? `\n\n${t("form-description-progress", { messages, attachments })}`
          : attachments > 0
            ? `\n\n${t("form-description-progress-files", { attachments })}`
            : "";
      // Editing from the summary starts the description afresh: say so, and that Back keeps the old one.
      const replacing = form.replacedDescription ? `\n\n${t("form-description-replacing")}` : "";
      return page(t("form-ask-description") + replacing + progress, [
        [button("button-done", { kind: "done" })],
        lastRow,
      ]);
    }
    case "articles":
      return page(t("form-ask-articles"), [
        ...(form.suggestedArticles ?? []).map((article) => [
          { text: `📄 ${truncate(article.title, ARTICLE_BUTTON_CHARS)}`, url: article.url },
        ]),
        [button("button-article-solved", { kind: "solved" })],
        [button("button-article-need-help", { kind: "needHelp" })],
        [cancel],
      ]);
    case "summary": {
      const full = fullDescription(form);
      const description = escapeHtml(truncate(full, SUMMARY_DESCRIPTION_CHARS));
      const lines = [`${t("form-field-description")}:\n<blockquote>${description || "—"}</blockquote>`];
      if (full.length > SUMMARY_DESCRIPTION_CHARS) lines.push(t("form-description-shortened"));
      if (form.attachments.length > 0)
        lines.push(`${t("form-field-attachments")}: ${form.attachments.length}`);
      return page(lines.join("\n"), [
        [button("button-confirm", { kind: "confirm" })],
        [button("button-edit", { kind: "edit" }), cancel],
      ]);
    }
    case "edit": {
      const fields = (["category", "orderId", "priority", "description"] as const).filter(
        (field) => field !== "orderId" || rule?.orderId !== "skip",
      );
      return page(t("form-ask-edit"), [
        ...fields.map((field) => [button(`button-edit-${kebab(field)}`, { kind: "editField", field })]),
        [button("button-back", { kind: "backToSummary" })],
      ]);
    }
  }
}

/** The closing line when an article solved the issue, keeping the links at hand for later. */
export function renderDeflected(form: IntakeForm, locale: Locale): string {
  const links = (form.suggestedArticles ?? []).map(
    (article) => `📄 <a href="${escapeHtml(article.url)}">${escapeHtml(article.title)}</a>`,
  );
  return [translator(locale)("form-deflected"), links.join("\n")].filter(Boolean).join("\n\n");
}
