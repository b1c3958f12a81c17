import { describe, expect, it } from "vitest";
import { CustomerUnreachable } from "../../ports/customer-channel.js";
import type { HelpDesk, NewTicket } from "../../ports/help-desk.js";
import type { CachedRequester, TicketLink, TicketLinks, Withdrawal } from "../../ports/ticket-links.js";
import type { IntakeSubmitted } from "../events.js";
import type { Category } from "../routing/categories.js";
import { type CreateTicketDeps, createTicketForRequest } from "./create-ticket.js";
import type { RequesterProfile } from "./customer-tier.js";
import type { RoutingRules } from "./routing-rules.js";
import type { AgentLoad } from "./workload.js";

const T0 = new Date("2026-11-25T12:00:00Z");
const HOUR = 3_600_000;

const rules: RoutingRules = {
  teams: {
    shipping: "Logistics L1",
    payment: "Billing",
    returns: "Returns",
    order: "Orders",
    account: "Accounts",
    product: "Product",
    other: "Triage",
  },
  minConfidence: 0.55,
  overruleConfidence: 0.8,
  rules: [],
  priorities: { standard: "normal", urgent: "high" },
  vip: { organizations: ["Acme Corp"], tags: ["vip"], priority: "raise", recheckHours: 24 },
  assignment: { Billing: { capacity: 3 } },
  ticketFields: {
    orderId: "Order ID",
    category: "Request category",
    telegramChat: "Telegram chat",
    satisfaction: "Telegram satisfaction",
  },
};

const event = (category: Category = "shipping"): IntakeSubmitted => ({
  type: "IntakeSubmitted",
  requestId: "req-00000001",
  submittedAt: T0.toISOString(),
  chatId: 42,
  customer: { telegramUserId: 42, firstName: "Ann", locale: "en" },
  category,
  orderId: null,
  priority: "standard",
  description: "Where is my parcel?",
  attachments: [],
});

/** A help desk that records what it was asked; the requester and agents are whatever the test says. */
function fakes(options: {
  requester?: Omit<RequesterProfile, "id">;
  cached?: CachedRequester;
  agents?: AgentLoad[];
  now?: Date;
  /** How many "ticket created" notices fail before one goes through. */
  failingNotices?: number;
  /** How many ticket creations fail before one goes through. */
  failingCreates?: number;
  /** Whether the bridge has a record of the request (a forum topic's request has none before its ticket). */
  requestRecorded?: boolean;
  /** What the router reads the description as (90% sure); the customer's choice by default. */
  classifiedAs?: Category;
  /** The customer blocked the bot: every notice fails as unreachable. */
  unreachable?: boolean;
  /** The customer erased their data (/forget) before the request was filed. */
  withdrawn?: boolean;
  /** ...or while its ticket was being made, after the first check. */
  withdrawnWhileFiling?: boolean;
  /** How many internal notes fail before one goes through. */
  failingNotes?: number;
}) {
  let withdrawnChecks = 0;
  let withdrawnTicket: Withdrawal | undefined;
  let failingNotes = options.failingNotes ?? 0;
  let notifyCalls = 0;
  const calls: string[] = [];
  const notices: number[] = [];
  const delayNotices: number[] = [];
  const promises: Array<{ priority: string; category: Category }> = [];
  const warnings: string[] = [];
  let failingNotices = options.failingNotices ?? 0;
  let failingCreates = options.failingCreates ?? 0;
  let delayClaimed = options.requestRecorded === false;
  let linked: TicketLink | undefined;
  const created: NewTicket[] = [];
  const notes: Array<{ body: string; assigneeId?: number }> = [];
  const started: Array<{ vip: boolean; priority: string }> = [];
  let profile = options.cached;
  const helpDesk: HelpDesk = {
    upsertRequester: async () => {
      calls.push("upsertRequester");
      return { id: 7, organizationId: null, tags: [], ...options.requester };
    },
    organizationIds: async () => {
      calls.push("organizationIds");
      return new Map([["acme corp", 501]]);
    },
    agentLoads: async () => {
      calls.push("agentLoads");
      return options.agents ?? [];
    },
    groupNames: async () => new Map(),
    updateTicket: async () => {
      calls.push("updateTicket");
    },
    upload: async () => "token",
    createTicket: async (ticket) => {
      calls.push("createTicket");
      if (failingCreates-- > 0) throw new Error("Zendesk unavailable");
      created.push(ticket);
      return { ticketId: 1001 };
    },
    addInternalNote: async (_ticketId, body, { assigneeId } = {}) => {
      calls.push("addInternalNote");
      if (failingNotes-- > 0) throw new Error("Zendesk unavailable");
      notes.push({ body, ...(assigneeId === undefined ? {} : { assigneeId }) });
    },
    addCustomerComment: async () => undefined,
    getComment: async () => undefined,
    download: async () => {
      throw new Error("not used");
    },
  };
  const links: TicketLinks = {
    findByRequest: async () => linked,
    findByTicket: async () => undefined,
    link: async (link: Omit<TicketLink, "customerNotified">) => {
      linked = { ...link, customerNotified: false };
    },
    claimCustomerNotice: async () => {
      if (!linked || linked.customerNotified) return false;
      linked = { ...linked, customerNotified: true };
      return true;
    },
    releaseCustomerNotice: async () => {
      if (linked) linked = { ...linked, customerNotified: false };
    },
    claimDelayNotice: async () => {
      if (delayClaimed) return false;
      delayClaimed = true;
      return true;
    },
    releaseDelayNotice: async () => {
      delayClaimed = false;
    },
    withdrawal: async () => {
      withdrawnChecks++;
      const erased =
        (options.withdrawn ?? false) || (options.withdrawnWhileFiling === true && withdrawnChecks > 1);
      return erased ? (withdrawnTicket ?? { noted: false }) : undefined;
    },
    recordWithdrawnTicket: async (_requestId, ticketId, noted) => {
      withdrawnTicket = { ticketId, noted };
    },
    setRequestStatus: async () => undefined,
    requester: async () => profile,
    rememberRequester: async (_id, requester) => {
      profile = { ...requester, readAt: options.now ?? T0 };
    },
  };
  const deps: CreateTicketDeps = {
    helpDesk,
    links,
    customers: {
      notify: async (_chatId, _locale, notice) => {
        notifyCalls++;
        if (options.unreachable) throw new CustomerUnreachable("blocked");
        if (failingNotices-- > 0) throw new Error("Telegram unavailable");
        if (notice.kind === "ticket-created") notices.push(notice.ticketId);
        if (notice.kind === "request-delayed") delayNotices.push(delayNotices.length + 1);
      },
      sendReply: async () => undefined,
      sendFile: async () => true,
      download: async () => undefined,
    },
    classify: (_text, chosen) => ({
      category: options.classifiedAs ?? chosen,
      confidence: 0.9,
      scores: {} as Record<Category, number>,
    }),
    rules,
    clock: { now: () => options.now ?? T0 },
    firstResponse: (priority, category) => {
      promises.push({ priority, category });
      return { minutes: 60 };
    },
    startSla: async ({ vip, priority }) => {
      started.push({ vip, priority });
    },
    warn: (message) => {
      warnings.push(message);
    },
  };
  return {
    deps,
    calls,
    created,
    notes,
    started,
    notices,
    delayNotices,
    promises,
    warnings,
    get notifyCalls() {
      return notifyCalls;
    },
  };
}

describe("telling the customer the ticket number", () => {
  it("tells them once when two redeliveries race to a ticket whose notice is still owed", async () => {
    const f = fakes({ failingNotices: 1 });
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Telegram unavailable");
    await Promise.all([createTicketForRequest(event(), f.deps), createTicketForRequest(event(), f.deps)]);
    expect(f.notices).toHaveLength(1);
  });

  it("promises, on the retry that sends it, by the ticket's routed category and priority", async () => {
    const f = fakes({ failingNotices: 1, classifiedAs: "payment" });
    await expect(createTicketForRequest(event("shipping"), f.deps)).rejects.toThrow("Telegram unavailable");
    await createTicketForRequest(event("shipping"), f.deps);
    expect(f.promises).toHaveLength(2);
    expect(f.promises[1]).toEqual(f.promises[0]);
    expect(f.promises[1]?.category).toBe("payment");
  });

  it("names the routed category in the subject, the one the team's view is about", async () => {
    const f = fakes({ classifiedAs: "payment" });
    await createTicketForRequest(event("shipping"), f.deps);
    expect(f.created[0]?.subject).toMatch(/^\[payment\] /);
  });

  it("gives the notice back when it could not be sent, so the retry sends it", async () => {
    const f = fakes({ failingNotices: 1 });
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Telegram unavailable");
    const created = await createTicketForRequest(event(), f.deps);
    expect(f.notices).toEqual(["ticketId" in created ? created.ticketId : "withdrawn"]);
    expect(f.created).toHaveLength(1);
  });
});

describe("a request its customer erased before it was filed", () => {
  it("is not filed, and the customer is not told anything", async () => {
    const f = fakes({ withdrawn: true });
    expect(await createTicketForRequest(event(), f.deps)).toEqual({ withdrawn: true });
    expect(f.calls).toEqual([]);
    expect(f.created).toEqual([]);
    expect(f.notifyCalls).toBe(0);
    expect(f.warnings).toEqual(["request not filed: its customer erased their data (/forget) first"]);
  });

  it("keeps no link and tells nothing when the customer erased it while its ticket was being made", async () => {
    const f = fakes({ withdrawnWhileFiling: true });
    expect(await createTicketForRequest(event(), f.deps)).toEqual({ withdrawn: true });
    expect(f.created).toHaveLength(1);
    expect(await f.deps.links.findByRequest("req-00000001")).toBeUndefined();
    expect(f.notifyCalls).toBe(0);
    expect(f.notes.at(-1)?.body).toMatch(
      /^The customer erased their data .* while this ticket was being created/,
    );
  });

  it("still tells the agents on the retry after that note failed, and only once", async () => {
    const f = fakes({ withdrawnWhileFiling: true, failingNotes: 1 });
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Zendesk unavailable");
    expect(f.notes).toEqual([]);
    expect(await createTicketForRequest(event(), f.deps)).toEqual({ withdrawn: true });
    expect(await createTicketForRequest(event(), f.deps)).toEqual({ withdrawn: true });
    expect(f.created).toHaveLength(1);
    expect(f.notes.map((n) => n.body)).toEqual([expect.stringMatching(/^The customer erased their data/)]);
  });
});

describe("telling the customer their request is delayed", () => {
  it("tells them once at the first failure, however often it is retried, then sends the number", async () => {
    const f = fakes({ failingCreates: 3 });
    for (let attempt = 0; attempt < 3; attempt++)
      await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Zendesk unavailable");
    expect(f.delayNotices).toHaveLength(1);
    expect(f.notices).toEqual([]);
    const created = await createTicketForRequest(event(), f.deps);
    expect(f.notices).toEqual(["ticketId" in created ? created.ticketId : "withdrawn"]);
    expect(f.delayNotices).toHaveLength(1);
  });

  it("says nothing of a delay when the ticket is filed and only its notice failed", async () => {
    const f = fakes({ failingNotices: 1 });
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Telegram unavailable");
    expect(f.delayNotices).toEqual([]);
  });

  it("stays silent for a request it has no record of", async () => {
    const f = fakes({ failingCreates: 1, requestRecorded: false });
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Zendesk unavailable");
    expect(f.delayNotices).toEqual([]);
  });

  it("still fails with the filing error when the delay notice cannot be sent, and sends it at the next failure", async () => {
    const f = fakes({ failingCreates: 2, failingNotices: 1 });
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Zendesk unavailable");
    expect(f.warnings).toEqual(["could not tell the customer their request is delayed"]);
    expect(f.delayNotices).toEqual([]);
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Zendesk unavailable");
    expect(f.delayNotices).toHaveLength(1);
  });

  it("does not try again for a customer who blocked the bot", async () => {
    const f = fakes({ failingCreates: 2, unreachable: true });
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Zendesk unavailable");
    await expect(createTicketForRequest(event(), f.deps)).rejects.toThrow("Zendesk unavailable");
    expect(f.notifyCalls).toBe(1);
  });

  it("succeeds at once without a delay notice", async () => {
    const f = fakes({});
    await createTicketForRequest(event(), f.deps);
    expect(f.delayNotices).toEqual([]);
    expect(f.notices).toHaveLength(1);
  });
});

describe("creating a ticket for a VIP customer", () => {
  it("raises the priority, tags it vip and starts a VIP SLA clock for a member of a named organization", async () => {
    const f = fakes({ requester: { organizationId: 501, tags: [] } });
    await createTicketForRequest(event(), f.deps);
    expect(f.created[0]?.priority).toBe("high");
    expect(f.created[0]?.tags).toContain("vip");
    expect(f.started).toEqual([{ vip: true, priority: "high" }]);
  });

  it("recognises a VIP by user tag without looking up organizations", async () => {
    const f = fakes({ requester: { organizationId: null, tags: ["vip"] } });
    await createTicketForRequest(event(), f.deps);
    expect(f.created[0]?.priority).toBe("high");
    expect(f.calls).not.toContain("organizationIds");
  });

  it("leaves other customers' tickets as they are", async () => {
    const f = fakes({ requester: { organizationId: 9, tags: ["gold"] } });
    await createTicketForRequest(event(), f.deps);
    expect(f.created[0]?.priority).toBe("normal");
    expect(f.created[0]?.tags).not.toContain("vip");
    expect(f.started).toEqual([{ vip: false, priority: "normal" }]);
  });

  it("costs one Zendesk call for a customer read less than recheckHours ago", async () => {
    const cached = { id: 7, organizationId: null, tags: ["vip"], readAt: new Date(T0.getTime() - 23 * HOUR) };
    const f = fakes({ cached });
    await createTicketForRequest(event(), f.deps);
    expect(f.calls).toEqual(["createTicket"]);
    expect(f.created[0]?.tags).toContain("vip");
  });

  it("reads the customer again once recheckHours have passed, and sees the new tier", async () => {
    const cached = { id: 7, organizationId: null, tags: [], readAt: new Date(T0.getTime() - 25 * HOUR) };
    const f = fakes({ cached, requester: { organizationId: null, tags: ["vip"] } });
    await createTicketForRequest(event(), f.deps);
    expect(f.calls).toEqual(["upsertRequester", "createTicket"]);
    expect(f.created[0]?.tags).toContain("vip");
  });
});

describe("workload-aware assignment at ticket creation", () => {
  it("assigns the least loaded agent of a configured group in the note's update", async () => {
    const agents = [
      { agentId: 11, name: "Bo", openTickets: 2 },
      { agentId: 12, name: "Cy", openTickets: 1 },
    ];
    const f = fakes({ agents });
    await createTicketForRequest(event("payment"), f.deps);
    expect(f.created[0]?.groupName).toBe("Billing");
    expect(f.notes).toEqual([
      { body: "Assigned to Cy: 1 unsolved tickets, the fewest in Billing (capacity 3).", assigneeId: 12 },
    ]);
  });

  it("leaves the ticket in the group with a note when every agent is at capacity", async () => {
    const f = fakes({ agents: [{ agentId: 11, name: "Bo", openTickets: 3 }] });
    await createTicketForRequest(event("payment"), f.deps);
    expect(f.notes).toHaveLength(1);
    expect(f.notes[0]?.assigneeId).toBeUndefined();
    expect(f.notes[0]?.body).toMatch(/all 1 agents in Billing are at capacity/);
  });

  it("does not look at workloads in groups without assignment", async () => {
    const f = fakes({ agents: [{ agentId: 11, name: "Bo", openTickets: 0 }] });
    await createTicketForRequest(event("shipping"), f.deps);
    expect(f.calls).not.toContain("agentLoads");
    expect(f.notes).toEqual([]);
  });
});
