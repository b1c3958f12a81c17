import { FieldErrors } from "./errors.js";
import { asBoolean, asNumber, asRecord, asString, asStringArray, has, type Json } from "./json.js";
import type { EmulatorState } from "./state.js";
import { isCustomField, validateFieldValue } from "./ticket-fields.js";
import {
  type CustomFieldValue,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type Ticket,
  type TicketField,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from "./types.js";

export interface CommentInput {
  body?: string;
  htmlBody?: string;
  public: boolean;
  authorId?: number;
  uploads: string[];
}

export interface RequesterInput {
  name?: string;
  email?: string;
  localeId?: number;
  externalId?: string;
}

/** A validated `{ticket: {...}}` body; absent keys mean "leave unchanged". */
export interface TicketInput {
  subject?: string;
  comment?: CommentInput;
  requesterId?: number;
  requester?: RequesterInput;
  submitterId?: number;
  status?: TicketStatus;
  priority?: TicketPriority | null;
  type?: TicketType | null;
  groupId?: number | null;
  assigneeId?: number | null;
  tags?: string[];
  additionalTags?: string[];
  removeTags?: string[];
  customFields?: Array<{ field: TicketField; value: CustomFieldValue["value"] }>;
  externalId?: string | null;
}

function readEnum<T extends string>(
  raw: Json,
  key: string,
  allowed: readonly T[],
  errors: FieldErrors,
  label: string,
): T | null | undefined {
  if (!has(raw, key)) return undefined;
  const value = raw[key];
  if (value === null || value === "") return null;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  errors.add(key, `${label}: ${String(value)} is not a valid ${key}`);
  return undefined;
}

function readComment(
  state: EmulatorState,
  raw: unknown,
  errors: FieldErrors,
  field: string,
): CommentInput | undefined {
  const comment = asRecord(raw);
  if (!comment) return undefined;
  const body = asString(comment.body);
  const htmlBody = asString(comment.html_body);
  if (!body?.trim() && !htmlBody?.trim()) {
    errors.add(
      field,
      `${field === "description" ? "Description" : "Comment"}: cannot be blank`,
      "BlankValue",
    );
    return undefined;
  }
  const authorId = asNumber(comment.author_id);
  if (authorId !== undefined && !state.users.has(authorId))
    errors.add("comment", "Comment: author is invalid");
  const input: CommentInput = {
    public: asBoolean(comment.public) ?? true,
    uploads: asStringArray(comment.uploads) ?? [],
  };
  if (body?.trim()) input.body = body;
  else if (htmlBody !== undefined) input.htmlBody = htmlBody;
  if (authorId !== undefined) input.authorId = authorId;
  return input;
}

function readRequester(raw: unknown, errors: FieldErrors): RequesterInput | undefined {
  const requester = asRecord(raw);
  if (!requester) return undefined;
  const out: RequesterInput = {};
  const name = asString(requester.name);
  const email = asString(requester.email);
  const localeId = asNumber(requester.locale_id);
  if (name) out.name = name;
  if (email) out.email = email;
  if (localeId !== undefined) out.localeId = localeId;
  if (requester.external_id !== undefined && requester.external_id !== null) {
    out.externalId = String(requester.external_id);
  }
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    errors.add("requester", `Requester: Email: ${email} is not properly formatted`, "InvalidFormat");
  }
  if (!name && !email && !out.externalId)
    errors.add("requester", "Requester: Name: is too short", "TooShort");
  return out;
}

function readCustomFields(
  state: EmulatorState,
  raw: unknown,
  errors: FieldErrors,
): TicketInput["customFields"] {
  if (!Array.isArray(raw)) return undefined;
  const out: NonNullable<TicketInput["customFields"]> = [];
  for (const entry of raw) {
    const item = asRecord(entry);
    const id = asNumber(item?.id);
    const field = id === undefined ? undefined : state.ticketFields.get(id);
    if (!item || id === undefined || !field || !field.active || !isCustomField(field)) {
      errors.add(
        "base",
        `Ticket field ${String(item?.id)} does not exist or is inactive`,
        "InvalidValue",
        id,
      );
      continue;
    }
    const result = validateFieldValue(field, item.value);
    if ("error" in result) errors.add("base", result.error, "InvalidValue", field.id);
    else out.push({ field, value: result.value });
  }
  return out;
}

function readIdOrNull(
  raw: Json,
  key: string,
  exists: (id: number) => boolean,
  errors: FieldErrors,
  errorKey: string,
  label: string,
) {
  if (!has(raw, key)) return undefined;
  if (raw[key] === null) return null;
  const id = asNumber(raw[key]);
  if (id === undefined || !exists(id)) {
    errors.add(errorKey, `${label}: ${String(raw[key])} is invalid`);
    return undefined;
  }
  return id;
}

/**
 * Validates the `ticket` object of a create or update request against the account's records and
 * reports every problem at once as a 422 RecordInvalid, field by field.
 */
export function readTicketInput(state: EmulatorState, raw: Json, existing?: Ticket): TicketInput {
  const errors = new FieldErrors();
  const input: TicketInput = {};
  const subject = asString(raw.subject);
  if (subject !== undefined) input.subject = subject;
  const comment = readComment(state, raw.comment, errors, existing ? "comment" : "description");
  if (comment) input.comment = comment;
  else if (!existing && !has(raw, "comment"))
    errors.add("description", "Description: cannot be blank", "BlankValue");

  const status = readEnum(raw, "status", TICKET_STATUSES, errors, "Status");
  if (status === null) errors.add("status", "Status: cannot be blank", "BlankValue");
  else if (status !== undefined) {
    if (status === "new" && existing && existing.status !== "new") {
      errors.add("status", "Status: new is not valid for a ticket that has been opened");
    } else input.status = status;
  }
  const priority = readEnum(raw, "priority", TICKET_PRIORITIES, errors, "Priority");
  if (priority !== undefined) input.priority = priority;
  const type = readEnum(raw, "type", TICKET_TYPES, errors, "Type");
  if (type !== undefined) input.type = type;

  const isActiveGroup = (id: number) => state.groups.has(id) && !state.groups.get(id)?.deleted;
  const groupId = readIdOrNull(raw, "group_id", isActiveGroup, errors, "group", "Group");
  if (groupId !== undefined) input.groupId = groupId;
  const assigneeId = readIdOrNull(
    raw,
    "assignee_id",
    (id) => state.isStaff(id),
    errors,
    "assignee",
    "Assignee",
  );
  if (assigneeId !== undefined) input.assigneeId = assigneeId;
  if (typeof groupId === "number" && typeof assigneeId === "number" && !state.isMember(assigneeId, groupId)) {
    errors.add("assignee", "Assignee: is not a member of the group");
  }
  const requesterId = readIdOrNull(
    raw,
    "requester_id",
    (id) => state.users.has(id),
    errors,
    "requester",
    "Requester",
  );
  if (typeof requesterId === "number") input.requesterId = requesterId;
  const submitterId = readIdOrNull(
    raw,
    "submitter_id",
    (id) => state.users.has(id),
    errors,
    "submitter",
    "Submitter",
  );
  if (typeof submitterId === "number") input.submitterId = submitterId;
  const requester = readRequester(raw.requester, errors);
  if (requester) input.requester = requester;

  const tags = asStringArray(raw.tags);
  if (tags) input.tags = tags;
  const additionalTags = asStringArray(raw.additional_tags);
  if (additionalTags) input.additionalTags = additionalTags;
  const removeTags = asStringArray(raw.remove_tags);
  if (removeTags) input.removeTags = removeTags;
  const customFields = readCustomFields(state, raw.custom_fields ?? raw.fields, errors);
  if (customFields) input.customFields = customFields;
  if (has(raw, "external_id")) input.externalId = raw.external_id === null ? null : String(raw.external_id);
  errors.throwIfAny();
  return input;
}
