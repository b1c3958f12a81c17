import { describe, expect, it } from "vitest";
import { isVip, needsOrganizationNames, type RequesterProfile, vipPriority } from "./customer-tier.js";
import type { VipRule } from "./routing-rules.js";

const rule: VipRule = {
  organizations: ["Acme Corp", 77],
  tags: ["vip"],
  priority: "raise",
  recheckHours: 24,
};
const requester = (p: Partial<RequesterProfile> = {}): RequesterProfile => ({
  id: 1,
  organizationId: null,
  tags: [],
  ...p,
});
const acme = new Map([["acme corp", 501]]);

describe("VIP customers", () => {
  it("are members of an organization named in the rule", () => {
    expect(isVip(requester({ organizationId: 501 }), rule, acme)).toBe(true);
  });

  it("are members of an organization listed by id, with no lookup needed", () => {
    const member = requester({ organizationId: 77 });
    expect(needsOrganizationNames(member, rule)).toBe(false);
    expect(isVip(member, rule)).toBe(true);
  });

  it("carry a tag named in the rule", () => {
    const tagged = requester({ tags: ["gold", "vip"], organizationId: 9 });
    expect(needsOrganizationNames(tagged, rule)).toBe(false);
    expect(isVip(tagged, rule)).toBe(true);
  });

  it("are not customers with neither", () => {
    expect(isVip(requester({ organizationId: 9, tags: ["gold"] }), rule, acme)).toBe(false);
    expect(isVip(requester(), rule, acme)).toBe(false);
  });

  it("need the organization names looked up only for a member of an unlisted organization", () => {
    expect(needsOrganizationNames(requester(), rule)).toBe(false);
    expect(needsOrganizationNames(requester({ organizationId: 9 }), rule)).toBe(true);
    expect(needsOrganizationNames(requester({ organizationId: 9 }), { ...rule, organizations: [77] })).toBe(
      false,
    );
  });

  it("get their priority raised one step, or to at least the configured one", () => {
    expect(vipPriority("normal", rule)).toBe("high");
    expect(vipPriority("urgent", rule)).toBe("urgent");
    expect(vipPriority("normal", { ...rule, priority: "urgent" })).toBe("urgent");
    expect(vipPriority("urgent", { ...rule, priority: "high" })).toBe("urgent");
  });
});
