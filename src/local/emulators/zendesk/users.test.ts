import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "./index.js";
import { api, client, startTestEmulator } from "./test-support.js";

describe("Zendesk emulator: users, groups, organizations", () => {
  let emulator: ZendeskEmulator;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
  });
  afterEach(() => emulator.close());

  it("create_or_update creates (201) then updates (200) the user matched by external_id", async () => {
    const first = await api(emulator, "POST", "/users/create_or_update.json", {
      user: { name: "Ivan", external_id: "tg:42", locale: "ru", role: "end-user" },
    });
    expect(first.status).toBe(201);
    const second = await api(emulator, "POST", "/users/create_or_update.json", {
      user: { name: "Ivan Petrov", external_id: "tg:42", email: "ivan@example.org" },
    });
    expect(second.status).toBe(200);
    expect(second.json.user).toMatchObject({
      id: first.json.user.id,
      name: "Ivan Petrov",
      email: "ivan@example.org",
    });
    const found = (await client(emulator).users.listWithFilter("external_id", "tg:42")) as unknown as Array<{
      id: number;
    }>;
    expect(found).toBeDefined();
    const search = await api(emulator, "GET", "/users/search.json?external_id=tg%3A42");
    expect(search.json.users.map((u: { id: number }) => u.id)).toEqual([first.json.user.id]);
  });

  it("matches by email when no user has the external_id", async () => {
    const created = await api(emulator, "POST", "/users.json", {
      user: { name: "Ann", email: "ann@example.org" },
    });
    const matched = await api(emulator, "POST", "/users/create_or_update.json", {
      user: { name: "Ann", email: "ann@example.org", external_id: "tg:7" },
    });
    expect(matched.status).toBe(200);
    expect(matched.json.user).toMatchObject({ id: created.json.user.id, external_id: "tg:7" });
  });

  it("lists seeded groups with two agents each", async () => {
    const groups = (await client(emulator).groups.list()) as unknown as Array<{ id: number; name: string }>;
    expect(groups.map((g) => g.name)).toContain("Escalations L2");
    const first = groups[0];
    if (!first) throw new Error("no groups");
    const memberships = await api(emulator, "GET", `/groups/${first.id}/memberships.json`);
    expect(memberships.json.group_memberships).toHaveLength(2);
    const agents = await api(emulator, "GET", "/users.json?role=agent");
    expect(agents.json.users).toHaveLength(16);
  });

  it("links users to organizations and keeps their tags", async () => {
    const org = await api(emulator, "POST", "/organizations.json", {
      organization: { name: "VIP customers" },
    });
    expect(org.status).toBe(201);
    const user = await api(emulator, "POST", "/users/create_or_update.json", {
      user: { name: "Vera", external_id: "tg:9", organization_id: org.json.organization.id, tags: ["vip"] },
    });
    expect(user.json.user).toMatchObject({ organization_id: org.json.organization.id, tags: ["vip"] });
    expect((await api(emulator, "GET", `/organizations/${org.json.organization.id}.json`)).status).toBe(200);
  });

  it("finds organizations by exact name, case-insensitively, as GET /organizations/search documents", async () => {
    const org = await api(emulator, "POST", "/organizations.json", { organization: { name: "Acme Corp" } });
    await api(emulator, "POST", "/organizations.json", { organization: { name: "Acme Corporation" } });
    const found = await api(emulator, "GET", "/organizations/search.json?name=acme%20corp");
    expect(found.json.organizations.map((o: { id: number }) => o.id)).toEqual([org.json.organization.id]);
    expect((await api(emulator, "GET", "/organizations/search.json")).status).toBe(400);
  });
});
