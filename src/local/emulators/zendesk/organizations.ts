import type { EmulatorContext } from "./context.js";
import { badRequest, FieldErrors, recordNotFound } from "./errors.js";
import { asNumber, asRecord, asString, asStringArray, normalizeTags } from "./json.js";
import { created, list, ok } from "./responses.js";
import type { Route } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { Organization } from "./types.js";

function findOrganization(state: EmulatorState, id: string | undefined): Organization {
  const org = state.organizations.get(Number(id));
  if (!org) throw recordNotFound();
  return org;
}

/**
 * Organizations: none are seeded; create them with `POST /organizations` and link users by `organization_id`.
 * `GET /organizations/search?name=` (exact name, case-insensitive) or `?external_id=`, as documented.
 */
export function organizationRoutes(ctx: EmulatorContext): Route[] {
  const { state } = ctx;
  return [
    {
      method: "GET",
      pattern: "/organizations",
      handler: () => list("organizations", [...state.organizations.values()]),
    },
    {
      method: "GET",
      pattern: "/organizations/search",
      handler: (req) => {
        const name = req.query.get("name")?.toLowerCase();
        const externalId = req.query.get("external_id");
        if (name === undefined && externalId === null)
          throw badRequest("InvalidParameter", "name or external_id is required");
        return list(
          "organizations",
          [...state.organizations.values()].filter((o) =>
            name !== undefined ? o.name.toLowerCase() === name : o.external_id === externalId,
          ),
        );
      },
    },
    {
      method: "GET",
      pattern: "/organizations/:id",
      handler: (req) => ok({ organization: findOrganization(state, req.params.id) }),
    },
    {
      method: "GET",
      pattern: "/organizations/:id/users",
      handler: (req) => {
        const org = findOrganization(state, req.params.id);
        return list(
          "users",
          [...state.users.values()].filter((u) => u.organization_id === org.id),
        );
      },
    },
    {
      method: "POST",
      pattern: "/organizations",
      handler: (req) => {
        const input = asRecord(asRecord(req.json)?.organization);
        if (!input)
          throw badRequest("ParameterMissing", "param is missing or the value is empty: organization");
        const name = asString(input.name)?.trim() ?? "";
        const errors = new FieldErrors();
        if (!name) errors.add("name", "Name: cannot be blank", "BlankValue");
        else if ([...state.organizations.values()].some((o) => o.name.toLowerCase() === name.toLowerCase())) {
          errors.add("name", `Name: ${name} has already been taken`, "DuplicateValue");
        }
        errors.throwIfAny();
        const id = state.ids.organization.take();
        const now = state.nowIso();
        const organization: Organization = {
          id,
          url: state.apiUrl(`/organizations/${id}.json`),
          name,
          external_id:
            input.external_id === undefined || input.external_id === null ? null : String(input.external_id),
          domain_names: asStringArray(input.domain_names) ?? [],
          details: asString(input.details) ?? "",
          notes: asString(input.notes) ?? "",
          group_id: asNumber(input.group_id) ?? null,
          shared_tickets: false,
          shared_comments: false,
          tags: normalizeTags(asStringArray(input.tags) ?? []),
          organization_fields: asRecord(input.organization_fields) ?? {},
          created_at: now,
          updated_at: now,
        };
        state.organizations.set(id, organization);
        return created({ organization });
      },
    },
  ];
}
