import type { EmulatorContext } from "./context.js";
import { badRequest, FieldErrors, recordNotFound } from "./errors.js";
import { asBoolean, asNumber, asRecord, asString } from "./json.js";
import { created, list, noContent, ok } from "./responses.js";
import type { Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { Group, GroupMembership } from "./types.js";

export function createGroup(state: EmulatorState, name: string, id?: number): Group {
  const groupId = id ?? state.ids.group.take();
  state.ids.group.reserve(groupId);
  const now = state.nowIso();
  const group: Group = {
    id: groupId,
    url: state.apiUrl(`/groups/${groupId}.json`),
    name,
    description: "",
    default: state.groups.size === 0,
    deleted: false,
    is_public: true,
    created_at: now,
    updated_at: now,
  };
  state.groups.set(groupId, group);
  return group;
}

/** Adds an agent to a group; the first membership of a user becomes their default group. */
export function addMembership(state: EmulatorState, userId: number, groupId: number): GroupMembership {
  const existing = state.memberships.find((m) => m.user_id === userId && m.group_id === groupId);
  if (existing) return existing;
  const now = state.nowIso();
  const id = state.ids.membership.take();
  const isDefault = !state.memberships.some((m) => m.user_id === userId);
  const membership: GroupMembership = {
    id,
    url: state.apiUrl(`/group_memberships/${id}.json`),
    user_id: userId,
    group_id: groupId,
    default: isDefault,
    created_at: now,
    updated_at: now,
  };
  state.memberships.push(membership);
  const user = state.users.get(userId);
  if (user && isDefault) user.default_group_id = groupId;
  return membership;
}

function findGroup(state: EmulatorState, id: string | undefined): Group {
  const group = state.groups.get(Number(id));
  if (!group || group.deleted) throw recordNotFound();
  return group;
}

export function groupRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  const activeGroups = (): Group[] => [...state.groups.values()].filter((g) => !g.deleted);
  return [
    { method: "GET", pattern: "/groups", handler: () => list("groups", activeGroups()) },
    { method: "GET", pattern: "/groups/assignable", handler: () => list("groups", activeGroups()) },
    {
      method: "GET",
      pattern: "/groups/count",
      handler: () => ok({ count: { value: activeGroups().length, refreshed_at: state.nowIso() } }),
    },
    {
      method: "GET",
      pattern: "/groups/:id",
      handler: (req) => ok({ group: findGroup(state, req.params.id) }),
    },
    {
      method: "POST",
      pattern: "/groups",
      handler: (req) => {
        const input = asRecord(asRecord(req.json)?.group);
        if (!input) throw badRequest("ParameterMissing", "param is missing or the value is empty: group");
        const name = asString(input.name)?.trim();
        const errors = new FieldErrors();
        if (!name) errors.add("name", "Name: cannot be blank", "BlankValue");
        else if (activeGroups().some((g) => g.name === name)) {
          errors.add("name", `Name: ${name} has already been taken`, "DuplicateValue");
        }
        errors.throwIfAny();
        const group = createGroup(state, name ?? "");
        group.description = asString(input.description) ?? "";
        return created({ group });
      },
    },
    {
      method: "GET",
      pattern: "/groups/:id/memberships",
      handler: (req) => {
        const group = findGroup(state, req.params.id);
        return list(
          "group_memberships",
          state.memberships.filter((m) => m.group_id === group.id),
        );
      },
    },
    {
      method: "GET",
      pattern: "/groups/:id/users",
      handler: (req) => list("users", state.agentsInGroup(findGroup(state, req.params.id).id)),
    },
    {
      // `group_id` / `user_id` filters are an emulator convenience; Zendesk documents the nested routes.
      method: "GET",
      pattern: "/group_memberships",
      handler: (req) => {
        const groupId = asNumber(req.query.get("group_id"));
        const userId = asNumber(req.query.get("user_id"));
        return list(
          "group_memberships",
          state.memberships.filter(
            (m) =>
              (groupId === undefined || m.group_id === groupId) &&
              (userId === undefined || m.user_id === userId),
          ),
        );
      },
    },
    {
      method: "GET",
      pattern: "/users/:id/group_memberships",
      handler: (req) =>
        list(
          "group_memberships",
          state.memberships.filter((m) => m.user_id === Number(req.params.id)),
        ),
    },
    {
      method: "POST",
      pattern: "/group_memberships",
      handler: (req) => {
        const input = asRecord(asRecord(req.json)?.group_membership);
        if (!input)
          throw badRequest("ParameterMissing", "param is missing or the value is empty: group_membership");
        const userId = asNumber(input.user_id) ?? -1;
        const groupId = asNumber(input.group_id) ?? -1;
        const errors = new FieldErrors();
        if (!state.isStaff(userId)) errors.add("user", "User: must be an agent");
        if (!state.groups.get(groupId) || state.groups.get(groupId)?.deleted)
          errors.add("group", "Group: is invalid");
        errors.throwIfAny();
        const membership = addMembership(state, userId, groupId);
        if (asBoolean(input.default)) membership.default = true;
        return created({ group_membership: membership });
      },
    },
    {
      method: "DELETE",
      pattern: "/group_memberships/:id",
      handler: (req) => {
        const index = state.memberships.findIndex((m) => m.id === Number(req.params.id));
        if (index < 0) throw recordNotFound();
        state.memberships.splice(index, 1);
        return noContent();
      },
    },
  ];
}
