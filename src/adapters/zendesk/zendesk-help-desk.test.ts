import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZendeskEmulator } from "../../local/emulators/zendesk/index.js";
import { api, createTicket, startTestEmulator } from "../../local/emulators/zendesk/test-support.js";
import { ZendeskHelpDesk } from "./zendesk-help-desk.js";

describe("ZendeskHelpDesk against the emulator", () => {
  let emulator: ZendeskEmulator;
  let helpDesk: ZendeskHelpDesk;

  beforeEach(async () => {
    ({ emulator } = await startTestEmulator());
    helpDesk = new ZendeskHelpDesk({ url: emulator.url, email: emulator.email, apiToken: emulator.apiToken });
  });
  afterEach(() => emulator.close());

  const calls = () => emulator.requests.length;

  it("reads the requester's organization and tags from the upsert itself", async () => {
    const org = await api(emulator, "POST", "/organizations.json", { organization: { name: "Acme" } });
    await api(emulator, "POST", "/users.json", {
      user: {
        name: "Vera",
        external_id: "telegram:9",
        organization_id: org.json.organization.id,
        tags: ["vip"],
      },
    });
    const before = calls();
    const requester = await helpDesk.upsertRequester({
      externalId: "telegram:9",
      name: "Vera",
      locale: "en",
    });
    expect(requester).toMatchObject({ organizationId: org.json.organization.id, tags: ["vip"] });
    expect(calls() - before).toBe(1);
  });

  it("finds organizations by name once per container and leaves unknown names out", async () => {
    const org = await api(emulator, "POST", "/organizations.json", { organization: { name: "Acme Corp" } });
    const first = await helpDesk.organizationIds(["ACME corp", "Nobody Inc"]);
    expect([...first]).toEqual([["acme corp", org.json.organization.id]]);
    const before = calls();
    await helpDesk.organizationIds(["ACME corp"]);
    expect(calls()).toBe(before);
  });

  it("counts each agent's unsolved tickets in a group", async () => {
    const billing = emulator.groups().find((g) => g.name === "Billing");
    if (!billing) throw new Error("no Billing group");
    const agents = (await api(emulator, "GET", `/groups/${billing.id}/users.json`)).json.users as Array<{
      id: number;
    }>;
    const [busy, idle] = agents;
    if (!busy || !idle) throw new Error("Billing needs two agents");
    await createTicket(emulator, { assignee_id: busy.id, group_id: billing.id });
    await createTicket(emulator, { assignee_id: busy.id, group_id: billing.id, status: "solved" });
    const loads = await helpDesk.agentLoads("Billing");
    expect(loads.map((l) => [l.agentId, l.openTickets])).toEqual([
      [busy.id, 1],
      [idle.id, 0],
    ]);
    expect(await helpDesk.agentLoads("No such group")).toEqual([]);
  });

  it("names the group and assignee of 150 tickets in two reads of 100 at most, and one of their agents", async () => {
    const billing = emulator.groups().find((g) => g.name === "Billing");
    if (!billing) throw new Error("no Billing group");
    const [agent] = (await api(emulator, "GET", `/groups/${billing.id}/users.json`)).json.users as Array<{
      id: number;
      name: string;
    }>;
    if (!agent) throw new Error("Billing has no agents");
    const ids: number[] = [];
    for (let n = 0; n < 150; n++)
      ids.push(
        await createTicket(emulator, n === 120 ? { group_id: billing.id, assignee_id: agent.id } : {}),
      );
    const before = emulator.requests.length;
    const owners = await helpDesk.ticketOwners([...ids, 999_999]);
    const reads = emulator.requests.slice(before).map((r) => r.path.split("?")[0] ?? "");
    expect(reads.filter((path) => path.includes("/tickets/show_many"))).toHaveLength(2);
    expect(reads.filter((path) => path.includes("/users/show_many"))).toHaveLength(1);
    expect(owners.get(ids[120] ?? 0)).toEqual({ group: "Billing", assignee: agent.name });
    expect(owners.get(ids[0] ?? 0)).toEqual({});
    expect(owners.has(999_999)).toBe(false);
  });

  it("names an assignee Zendesk no longer shows by id, not as unassigned", async () => {
    const agent = emulator.users().find((u) => u.role === "agent");
    if (!agent) throw new Error("the emulator seeds agents");
    const id = await createTicket(emulator, { assignee_id: agent.id });
    // As for a deleted user: show_many leaves unknown ids out.
    emulator.failNext(
      { method: "GET", path: /\/users\/show_many/ },
      { status: 200, body: { users: [], next_page: null, previous_page: null, count: 0 } },
    );
    expect((await helpDesk.ticketOwners([id])).get(id)).toMatchObject({ assignee: `#${agent.id}` });
  });

  it("says the priority each ticket has now", async () => {
    const id = await createTicket(emulator, { priority: "high" });
    expect((await helpDesk.ticketOwners([id])).get(id)).toEqual({ priority: "high" });
  });

  it("assigns the ticket in the same update as the internal note", async () => {
    const billing = emulator.groups().find((g) => g.name === "Billing");
    const ticketId = await createTicket(emulator, { group_id: billing?.id });
    const agent = (await api(emulator, "GET", `/groups/${billing?.id}/users.json`)).json.users[0];
    const before = calls();
    await helpDesk.addInternalNote(ticketId, "Assigned by workload", { assigneeId: agent.id });
    expect(calls() - before).toBe(1);
    expect(emulator.ticket(ticketId)?.assignee_id).toBe(agent.id);
    expect(emulator.comments(ticketId).at(-1)).toMatchObject({ public: false, body: "Assigned by workload" });
  });

  it("finds the ticket a first attempt made when a retry's re-uploaded files change the body under the same key", async () => {
    const requester = await helpDesk.upsertRequester({ externalId: "telegram:7", name: "Ann", locale: "en" });
    const upload = () =>
      helpDesk.upload({ fileName: "receipt.jpg", contentType: "image/jpeg", bytes: Buffer.from("jpeg") });
    const ticket = (uploads: string[]) => ({
      subject: "[payment] charged twice",
      description: "charged twice",
      requesterId: requester.id,
      priority: "normal" as const,
      tags: ["telegram"],
      fields: {},
      uploads,
      externalId: "telegram-request:r-42",
    });
    const first = await helpDesk.createTicket(ticket([await upload()]), "telegram-request-r-42");
    const retried = await helpDesk.createTicket(ticket([await upload()]), "telegram-request-r-42");
    expect(retried).toEqual(first);
    const made = (await api(emulator, "GET", "/tickets.json?external_id=telegram-request%3Ar-42")).json;
    expect(made.tickets).toHaveLength(1);
  });

  it("still refuses a reused key when no ticket carries the external id", async () => {
    const requester = await helpDesk.upsertRequester({ externalId: "telegram:8", name: "Bo", locale: "en" });
    const base = {
      subject: "s",
      description: "d",
      requesterId: requester.id,
      priority: "normal" as const,
      tags: [],
      fields: {},
      uploads: [],
    };
    await helpDesk.createTicket({ ...base, externalId: "telegram-request:a" }, "shared-key");
    await expect(
      helpDesk.createTicket({ ...base, subject: "other", externalId: "telegram-request:b" }, "shared-key"),
    ).rejects.toThrow(/IdempotentRequestError/);
  });

  describe("an SLA escalation", () => {
    const billingWithAgent = async () => {
      const billing = emulator.groups().find((g) => g.name === "Billing");
      const agents = (await api(emulator, "GET", `/groups/${billing?.id}/users.json`)).json.users as Array<{
        id: number;
      }>;
      const agent = agents[0];
      if (!billing || !agent) throw new Error("the emulator seeds Billing with agents");
      return { groupId: billing.id, agentId: agent.id };
    };
    const escalationsGroup = () => emulator.groups().find((g) => g.name === "Escalations L2")?.id;
    const breach = { reason: "First response SLA breached", group: "Escalations L2", tags: ["sla_breached"] };

    it("moves an unassigned ticket to the escalation group, raises its priority and notes why", async () => {
      const { groupId } = await billingWithAgent();
      const id = await createTicket(emulator, { group_id: groupId, priority: "normal" });
      expect(await helpDesk.escalate(id, [breach])).toEqual(["escalated"]);
      expect(emulator.ticket(id)).toMatchObject({ group_id: escalationsGroup(), priority: "high" });
      expect(emulator.ticket(id)?.tags).toContain("sla_breached");
      expect(emulator.comments(id).at(-1)).toMatchObject({
        public: false,
        body: "SLA escalation: First response SLA breached. Priority raised to high; moved to Escalations L2, as nobody was assigned.",
      });
    });

    it("says in its note why an unassigned ticket stayed, when the account has no escalation group of that name", async () => {
      const { groupId } = await billingWithAgent();
      const id = await createTicket(emulator, { group_id: groupId, priority: "normal" });
      expect(await helpDesk.escalate(id, [{ ...breach, group: "Escalations L3" }])).toEqual(["escalated"]);
      expect(emulator.ticket(id)).toMatchObject({ group_id: groupId, priority: "high" });
      expect(emulator.comments(id).at(-1)?.body).toBe(
        'SLA escalation: First response SLA breached. Priority raised to high; not moved to "Escalations L3": ' +
          "this Zendesk account has no group of that name (check the escalation settings in config/sla-policies.json).",
      );
    });

    it("does not claim to move a ticket already in the escalation group", async () => {
      const id = await createTicket(emulator, { group_id: escalationsGroup(), priority: "high" });
      expect(await helpDesk.escalate(id, [breach])).toEqual(["escalated"]);
      expect(emulator.comments(id).at(-1)?.body).toBe(
        "SLA escalation: First response SLA breached. Priority raised to urgent.",
      );
    });

    it("leaves an assigned ticket with its agent and group, and still raises, tags and notes it", async () => {
      const { groupId, agentId } = await billingWithAgent();
      const id = await createTicket(emulator, { group_id: groupId, assignee_id: agentId, priority: "high" });
      expect(await helpDesk.escalate(id, [breach])).toEqual(["escalated"]);
      expect(emulator.ticket(id)).toMatchObject({
        group_id: groupId,
        assignee_id: agentId,
        priority: "urgent",
      });
      expect(emulator.ticket(id)?.tags).toContain("sla_breached");
      expect(emulator.comments(id).at(-1)?.body).toBe(
        "SLA escalation: First response SLA breached. Priority raised to urgent.",
      );
    });

    it("does not repeat an escalation whose own tag the ticket carries (a scan redone after a crash)", async () => {
      const { groupId } = await billingWithAgent();
      const id = await createTicket(emulator, { group_id: groupId, priority: "normal" });
      const once = {
        ...breach,
        tags: ["sla_breached", "sla_first_response_breach"],
        doneTag: "sla_first_response_breach",
      };
      await helpDesk.escalate(id, [once]);
      const comments = emulator.comments(id).length;
      expect(await helpDesk.escalate(id, [once])).toEqual(["escalated"]);
      expect(emulator.ticket(id)?.priority).toBe("high");
      expect(emulator.comments(id)).toHaveLength(comments);
    });

    it("says in its note that an urgent ticket's priority stays urgent", async () => {
      const { groupId, agentId } = await billingWithAgent();
      const id = await createTicket(emulator, {
        group_id: groupId,
        assignee_id: agentId,
        priority: "urgent",
      });
      await helpDesk.escalate(id, [{ ...breach, reason: "Resolution SLA breached" }]);
      expect(emulator.comments(id).at(-1)?.body).toBe(
        "SLA escalation: Resolution SLA breached. Priority stays urgent, the highest.",
      );
    });

    it("changes nothing for the unassigned rule once Zendesk shows an assignee", async () => {
      const { groupId, agentId } = await billingWithAgent();
      const id = await createTicket(emulator, { group_id: groupId, assignee_id: agentId, priority: "high" });
      const comments = emulator.comments(id).length;
      const unassigned = {
        reason: "Priority ticket still unassigned",
        group: "Escalations L2",
        tags: ["sla_unassigned"],
      };
      expect(await helpDesk.escalate(id, [{ ...unassigned, onlyWhileUnassigned: true }])).toEqual(["moot"]);
      expect(emulator.ticket(id)).toMatchObject({
        group_id: groupId,
        assignee_id: agentId,
        priority: "high",
      });
      expect(emulator.ticket(id)?.tags).not.toContain("sla_unassigned");
      expect(emulator.comments(id)).toHaveLength(comments);
    });
  });

  describe("steps due at the same scan", () => {
    const escalationsGroup = () => emulator.groups().find((g) => g.name === "Escalations L2")?.id;
    const firstResponse = {
      reason: "First response SLA breached",
      group: "Escalations L2",
      tags: ["sla_breached", "sla_first_response_breach"],
      doneTag: "sla_first_response_breach",
    };
    const unassigned = {
      reason: "Priority ticket still unassigned",
      group: "Escalations L2",
      tags: ["sla_unassigned"],
      onlyWhileUnassigned: true,
      doneTag: "sla_unassigned",
    };

    it("are one change: the priority raised once, every tag, one note naming each step", async () => {
      const id = await createTicket(emulator, { priority: "normal" });
      const comments = emulator.comments(id).length;
      expect(await helpDesk.escalate(id, [firstResponse, unassigned])).toEqual(["escalated", "escalated"]);
      expect(emulator.ticket(id)).toMatchObject({ group_id: escalationsGroup(), priority: "high" });
      expect(emulator.ticket(id)?.tags).toEqual(
        expect.arrayContaining(["sla_breached", "sla_first_response_breach", "sla_unassigned"]),
      );
      expect(
        emulator
          .comments(id)
          .slice(comments)
          .map((c) => c.body),
      ).toEqual([
        "SLA escalation: First response SLA breached; Priority ticket still unassigned. Priority raised to high; moved to Escalations L2, as nobody was assigned.",
      ]);
    });

    it("move an unassigned ticket to the escalation group once: a person who moves it back is not overruled", async () => {
      const billing = emulator.groups().find((g) => g.name === "Billing")?.id;
      const id = await createTicket(emulator, { group_id: billing, priority: "low" });
      const moving = { ...firstResponse, movedTag: "sla_moved" };
      await helpDesk.escalate(id, [moving]);
      expect(emulator.ticket(id)?.group_id).toBe(escalationsGroup());
      expect(emulator.ticket(id)?.tags).toContain("sla_moved");
      // The manager moves it back to its team; the resolution breach comes later, still unassigned.
      await api(emulator, "PUT", `/tickets/${id}.json`, { ticket: { group_id: billing } });
      const resolution = {
        reason: "Resolution SLA breached",
        group: "Escalations L2",
        tags: ["sla_breached"],
        movedTag: "sla_moved",
      };
      await helpDesk.escalate(id, [resolution]);
      expect(emulator.ticket(id)?.group_id).toBe(billing);
      expect(emulator.comments(id).at(-1)?.body).toBe(
        "SLA escalation: Resolution SLA breached. Priority raised to high.",
      );
    });

    it("leave out a step Zendesk shows no longer applies, and one done before", async () => {
      const id = await createTicket(emulator, { priority: "normal" });
      await helpDesk.escalate(id, [firstResponse]);
      const agent = (await api(emulator, "GET", "/users.json?role=agent")).json.users as Array<{
        id: number;
      }>;
      await api(emulator, "PUT", `/tickets/${id}.json`, { ticket: { assignee_id: agent[0]?.id } });
      const comments = emulator.comments(id).length;
      const resolution = {
        reason: "Resolution SLA breached",
        tags: ["sla_breached"],
        group: "Escalations L2",
      };
      expect(await helpDesk.escalate(id, [firstResponse, unassigned, resolution])).toEqual([
        "escalated",
        "moot",
        "escalated",
      ]);
      expect(emulator.ticket(id)?.priority).toBe("urgent");
      expect(emulator.ticket(id)?.tags).not.toContain("sla_unassigned");
      expect(
        emulator
          .comments(id)
          .slice(comments)
          .map((c) => c.body),
      ).toEqual(["SLA escalation: Resolution SLA breached. Priority raised to urgent."]);
    });
  });

  describe("the comment a webhook names", () => {
    const commentRequests = () => emulator.requests.filter((r) => r.path.includes("/comments")).length;
    const ticketWithReplies = async (replies: number) => {
      const ticketId = await createTicket(emulator);
      for (let n = 1; n <= replies; n++) {
        await emulator.agentComment(ticketId, { body: `reply ${n}`, public: n % 2 === 0 });
      }
      return { ticketId, comments: emulator.comments(ticketId) };
    };

    it("is read from one page of the newest comments, however long the ticket", async () => {
      const { ticketId, comments } = await ticketWithReplies(250);
      const latest = comments.at(-1);
      if (!latest) throw new Error("no comments");
      expect(await helpDesk.getComment(ticketId, latest.id)).toMatchObject({
        id: latest.id,
        public: true,
        plainBody: "reply 250",
      });
      expect(commentRequests()).toBe(1);
    });

    it("is found further back through the whole list, a page of 100 at a time", async () => {
      const { ticketId, comments } = await ticketWithReplies(250);
      const early = comments[3];
      if (!early) throw new Error("no comments");
      expect(await helpDesk.getComment(ticketId, early.id)).toMatchObject({
        public: false,
        plainBody: "reply 3",
      });
      expect(commentRequests()).toBe(1 + 3);
    });

    it("is missing without a second read when the ticket fits in one page", async () => {
      const { ticketId } = await ticketWithReplies(5);
      expect(await helpDesk.getComment(ticketId, 999_999)).toBeUndefined();
      expect(commentRequests()).toBe(1);
    });
  });
});
