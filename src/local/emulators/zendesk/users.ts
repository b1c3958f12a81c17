import type { EmulatorContext } from "./context.js";
import { badRequest, FieldErrors, recordNotFound } from "./errors.js";
import { asNumber, asRecord, asString, asStringArray, has, type Json, normalizeTags } from "./json.js";
import { created, list, ok, parseIdList } from "./responses.js";
import type { ApiRequest, Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { User, UserRole } from "./types.js";

const ROLES: readonly UserRole[] = ["end-user", "agent", "admin"];
/** A few Zendesk locale ids; unknown ids fall back to en-US. */
const LOCALES: Record<number, string> = { 1: "en-US", 27: "ru" };

function localeId(locale: string): number {
  const found = Object.entries(LOCALES).find(([, name]) => name.toLowerCase() === locale.toLowerCase());
  return found ? Number(found[0]) : 1;
}

export interface UserInput {
  name: string;
  email?: string | null;
  role?: UserRole;
  external_id?: string | null;
  locale?: string;
  locale_id?: number;
  organization_id?: number | null;
  tags?: string[];
  phone?: string | null;
}

export function createUser(state: EmulatorState, input: UserInput): User {
  const now = state.nowIso();
  const id = state.ids.user.take();
  const locale =
    input.locale ?? (input.locale_id !== undefined ? LOCALES[input.locale_id] : undefined) ?? "en-US";
  const user: User = {
    id,
    url: state.apiUrl(`/users/${id}.json`),
    name: input.name,
    email: input.email ?? null,
    created_at: now,
    updated_at: now,
    time_zone: "UTC",
    iana_time_zone: "Etc/UTC",
    phone: input.phone ?? null,
    locale,
    locale_id: input.locale_id ?? localeId(locale),
    organization_id: input.organization_id ?? null,
    role: input.role ?? "end-user",
    verified: input.role === "agent" || input.role === "admin",
    external_id: input.external_id ?? null,
    tags: normalizeTags(input.tags ?? []),
    active: true,
    shared: false,
    suspended: false,
    default_group_id: null,
    details: "",
    notes: "",
    user_fields: {},
  };
  state.users.set(id, user);
  return user;
}

/** Validates a `{user: {...}}` body against existing records; `existing` is the user being updated. */
function readUserInput(state: EmulatorState, body: unknown, existing?: User): Json {
  const user = asRecord(asRecord(body)?.user);
  if (!user) throw badRequest("ParameterMissing", "param is missing or the value is empty: user");
  const errors = new FieldErrors();
  if (!existing && !asString(user.name)?.trim()) {
    errors.add("name", "Name: is too short (minimum one character)", "TooShort");
  }
  const role = user.role;
  if (role !== undefined && !ROLES.includes(role as UserRole)) {
    errors.add("role", `Role: ${String(role)} is not a valid role`);
  }
  const email = asString(user.email);
  if (email !== undefined) {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      errors.add("email", `Email: ${email} is not properly formatted`, "InvalidFormat");
    } else {
      const owner = state.userByEmail(email);
      if (owner && owner.id !== existing?.id) {
        errors.add("email", `Email: ${email} is already being used by another user`, "DuplicateValue");
      }
    }
  }
  const orgId = user.organization_id;
  if (orgId !== undefined && orgId !== null && !state.organizations.has(asNumber(orgId) ?? -1)) {
    errors.add("organization_id", "Organization: is invalid");
  }
  errors.throwIfAny();
  return user;
}

function applyUserFields(state: EmulatorState, user: User, input: Json): void {
  const name = asString(input.name);
  if (name) user.name = name;
  if (has(input, "email")) user.email = asString(input.email) ?? null;
  if (has(input, "role")) user.role = input.role as UserRole;
  if (has(input, "external_id"))
    user.external_id = input.external_id === null ? null : String(input.external_id);
  const locale = asString(input.locale);
  if (locale) {
    user.locale = locale;
    user.locale_id = localeId(locale);
  }
  const localeIdValue = asNumber(input.locale_id);
  if (localeIdValue !== undefined) {
    user.locale_id = localeIdValue;
    user.locale = LOCALES[localeIdValue] ?? user.locale;
  }
  if (has(input, "organization_id")) user.organization_id = asNumber(input.organization_id) ?? null;
  const tags = asStringArray(input.tags);
  if (tags) user.tags = normalizeTags(tags);
  if (has(input, "phone")) user.phone = asString(input.phone) ?? null;
  if (has(input, "details")) user.details = asString(input.details) ?? "";
  if (has(input, "notes")) user.notes = asString(input.notes) ?? "";
  if (user.role !== "end-user") user.verified = true;
  user.updated_at = state.nowIso();
}

function userInputFromJson(input: Json): UserInput {
  return { name: asString(input.name) ?? "" };
}

function findUser(state: EmulatorState, id: string | undefined): User {
  const user = state.users.get(Number(id));
  if (!user) throw recordNotFound();
  return user;
}

/** `GET /users?role=agent`, `role[]=agent&role[]=admin`, `?external_id=`. */
function listUsers(state: EmulatorState, req: ApiRequest) {
  const roles = [...req.query.getAll("role"), ...req.query.getAll("role[]")];
  const externalId = req.query.get("external_id");
  const users = [...state.users.values()].filter(
    (u) =>
      (roles.length === 0 || roles.includes(u.role)) && (externalId === null || u.external_id === externalId),
  );
  return list("users", users);
}

function searchUsers(state: EmulatorState, req: ApiRequest) {
  const externalId = req.query.get("external_id");
  const query = req.query.get("query")?.toLowerCase();
  const users = [...state.users.values()].filter((u) => {
    if (externalId !== null) return u.external_id === externalId;
    if (query) return u.name.toLowerCase().includes(query) || (u.email ?? "").toLowerCase().includes(query);
    return false;
  });
  return list("users", users);
}

export function userRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  return [
    { method: "GET", pattern: "/users", handler: (req) => listUsers(state, req) },
    {
      method: "GET",
      pattern: "/users/me",
      handler: (req) => ok({ user: findUser(state, String(req.userId)) }),
    },
    { method: "GET", pattern: "/users/search", handler: (req) => searchUsers(state, req) },
    {
      method: "GET",
      pattern: "/users/show_many",
      handler: (req) =>
        list(
          "users",
          parseIdList(req.query.get("ids"))
            .map((id) => state.users.get(id))
            .filter((u) => u !== undefined),
        ),
    },
    { method: "GET", pattern: "/users/:id", handler: (req) => ok({ user: findUser(state, req.params.id) }) },
    {
      method: "POST",
      pattern: "/users",
      handler: (req) => {
        const input = readUserInput(state, req.json);
        const user = createUser(state, userInputFromJson(input));
        applyUserFields(state, user, input);
        return created({ user });
      },
    },
    {
      // Matches by external_id first, then email, as documented; 201 when created, 200 when updated.
      method: "POST",
      pattern: "/users/create_or_update",
      handler: (req) => {
        const body = asRecord(asRecord(req.json)?.user);
        const externalId = body?.external_id;
        const email = asString(body?.email);
        const existing =
          (externalId !== undefined && externalId !== null
            ? state.userByExternalId(String(externalId))
            : undefined) ?? (email ? state.userByEmail(email) : undefined);
        const input = readUserInput(state, req.json, existing);
        if (existing) {
          applyUserFields(state, existing, input);
          return ok({ user: existing });
        }
        const user = createUser(state, userInputFromJson(input));
        applyUserFields(state, user, input);
        return created({ user });
      },
    },
    {
      method: "PUT",
      pattern: "/users/:id",
      handler: (req) => {
        const user = findUser(state, req.params.id);
        applyUserFields(state, user, readUserInput(state, req.json, user));
        return ok({ user });
      },
    },
  ];
}
