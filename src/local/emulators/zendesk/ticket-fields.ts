import type { EmulatorContext } from "./context.js";
import { badRequest, FieldErrors, recordNotFound } from "./errors.js";
import { asBoolean, asRecord, asString, has, type Json } from "./json.js";
import { created, list, ok } from "./responses.js";
import type { Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { CustomFieldOption, CustomFieldValue, TicketField } from "./types.js";

const CUSTOM_TYPES = [
  "text",
  "textarea",
  "checkbox",
  "date",
  "integer",
  "decimal",
  "regexp",
  "tagger",
  "multiselect",
] as const;
const OPTION_TYPES = new Set(["tagger", "multiselect"]);
/** System fields every account has; they are not `custom_fields` and cannot be set through them. */
export const SYSTEM_FIELD_TYPES = new Set([
  "subject",
  "description",
  "status",
  "tickettype",
  "priority",
  "group",
  "assignee",
]);

export function createTicketField(state: EmulatorState, input: Json, removable = true): TicketField {
  const now = state.nowIso();
  const id = state.ids.ticketField.take();
  const title = asString(input.title) ?? "";
  const type = asString(input.type) ?? "text";
  const field: TicketField = {
    id,
    url: state.apiUrl(`/ticket_fields/${id}.json`),
    type,
    title,
    raw_title: title,
    description: asString(input.description) ?? "",
    raw_description: asString(input.description) ?? "",
    position: state.ticketFields.size + 1,
    active: asBoolean(input.active) ?? true,
    required: asBoolean(input.required) ?? false,
    collapsed_for_agents: false,
    regexp_for_validation: asString(input.regexp_for_validation) ?? null,
    title_in_portal: asString(input.title_in_portal) ?? title,
    raw_title_in_portal: asString(input.title_in_portal) ?? title,
    visible_in_portal: asBoolean(input.visible_in_portal) ?? false,
    editable_in_portal: asBoolean(input.editable_in_portal) ?? false,
    required_in_portal: false,
    tag: asString(input.tag) ?? null,
    removable,
    key: asString(input.key) ?? null,
    agent_description: asString(input.agent_description) ?? null,
    created_at: now,
    updated_at: now,
  };
  if (OPTION_TYPES.has(type)) field.custom_field_options = readOptions(state, input.custom_field_options);
  state.ticketFields.set(id, field);
  return field;
}

function readOptions(state: EmulatorState, raw: unknown): CustomFieldOption[] {
  const options = Array.isArray(raw) ? raw : [];
  return options.map((option) => {
    const o = asRecord(option) ?? {};
    const name = asString(o.name) ?? "";
    return {
      id: state.ids.fieldOption.take(),
      name,
      raw_name: name,
      value: asString(o.value) ?? "",
      default: asBoolean(o.default) ?? false,
    };
  });
}

function validateFieldInput(input: Json | undefined): Json {
  if (!input) throw badRequest("ParameterMissing", "param is missing or the value is empty: ticket_field");
  const errors = new FieldErrors();
  const type = asString(input.type);
  if (!asString(input.title)?.trim()) errors.add("title", "Title: cannot be blank", "BlankValue");
  if (!type || !(CUSTOM_TYPES as readonly string[]).includes(type)) {
    errors.add("type", `Type: ${String(type)} is not a valid field type`);
  }
  if (type && OPTION_TYPES.has(type)) {
    const options = Array.isArray(input.custom_field_options) ? input.custom_field_options : [];
    if (options.length === 0) {
      errors.add("base", "Field options: You must create at least one field option", "BlankValue");
    }
    for (const option of options) {
      const o = asRecord(option);
      if (!asString(o?.name)?.trim() || !asString(o?.value)?.trim()) {
        errors.add("base", "Field options: each option needs a name and a tag value", "BlankValue");
      }
    }
  }
  errors.throwIfAny();
  return input;
}

export type FieldValueResult = { value: CustomFieldValue["value"] } | { error: string };

/** Checks a `custom_fields` value against the field type, normalised the way Zendesk echoes it back. */
export function validateFieldValue(field: TicketField, value: unknown): FieldValueResult {
  if (value === null || value === "") return { value: null };
  const invalid = { error: `${field.title}: ${JSON.stringify(value)} is not a valid value` };
  switch (field.type) {
    case "text":
    case "textarea":
      return typeof value === "string" || typeof value === "number" ? { value: String(value) } : invalid;
    case "integer":
      return /^-?\d+$/.test(String(value)) ? { value: String(Number(value)) } : invalid;
    case "decimal":
      return Number.isFinite(Number(value)) && typeof value !== "boolean"
        ? { value: String(value) }
        : invalid;
    case "checkbox":
      return typeof value === "boolean" ? { value } : invalid;
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? { value } : invalid;
    case "regexp":
      return typeof value === "string" && new RegExp(field.regexp_for_validation ?? ".*").test(value)
        ? { value }
        : invalid;
    case "tagger":
      return field.custom_field_options?.some((o) => o.value === value) ? { value: String(value) } : invalid;
    case "multiselect": {
      const values = Array.isArray(value) ? value : [value];
      const allowed = new Set(field.custom_field_options?.map((o) => o.value));
      return values.every((v) => typeof v === "string" && allowed.has(v))
        ? { value: values as string[] }
        : invalid;
    }
    default:
      return invalid;
  }
}

/** Tags a field value contributes to the ticket (drop-down and multi-select option values are tags). */
export function fieldTags(field: TicketField, value: CustomFieldValue["value"]): string[] {
  if (field.type === "tagger" && typeof value === "string") return [value];
  if (field.type === "multiselect" && Array.isArray(value)) return value;
  if (field.type === "checkbox" && value === true && field.tag) return [field.tag];
  return [];
}

export const isCustomField = (field: TicketField): boolean => !SYSTEM_FIELD_TYPES.has(field.type);

function findField(state: EmulatorState, id: string | undefined): TicketField {
  const field = state.ticketFields.get(Number(id));
  if (!field) throw recordNotFound();
  return field;
}

export function ticketFieldRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: "GET",
      pattern: "/ticket_fields",
      handler: () => list("ticket_fields", [...state.ticketFields.values()]),
    },
    {
      method: "GET",
      pattern: "/ticket_fields/:id",
      handler: (req) => ok({ ticket_field: findField(state, req.params.id) }),
    },
    {
      method: "POST",
      pattern: "/ticket_fields",
      handler: (req) => {
        const input = validateFieldInput(asRecord(asRecord(req.json)?.ticket_field));
        return created({ ticket_field: createTicketField(state, input) });
      },
    },
    {
      method: "PUT",
      pattern: "/ticket_fields/:id",
      handler: (req) => {
        const field = findField(state, req.params.id);
        const input = asRecord(asRecord(req.json)?.ticket_field) ?? {};
        const title = asString(input.title);
        if (title) {
          field.title = title;
          field.raw_title = title;
        }
        if (has(input, "active")) field.active = asBoolean(input.active) ?? field.active;
        if (has(input, "description")) field.description = asString(input.description) ?? "";
        if (field.custom_field_options && Array.isArray(input.custom_field_options)) {
          field.custom_field_options = readOptions(state, input.custom_field_options);
        }
        field.updated_at = state.nowIso();
        return ok({ ticket_field: field });
      },
    },
  ];
}
