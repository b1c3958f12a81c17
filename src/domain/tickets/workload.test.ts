import { describe, expect, it } from "vitest";
import { type AgentLoad, chooseAssignee } from "./workload.js";

const agent = (agentId: number, openTickets: number): AgentLoad => ({
  agentId,
  name: `Agent ${agentId}`,
  openTickets,
});

describe("workload-aware assignment", () => {
  it("picks the agent with the fewest unsolved tickets and says why", () => {
    const choice = chooseAssignee("Billing", [agent(1, 7), agent(2, 3), agent(3, 5)], 10, "r-1");
    expect(choice).toMatchObject({ kind: "assigned", agent: { agentId: 2 } });
    expect(choice.note).toBe("Assigned to Agent 2: 3 unsolved tickets, the fewest in Billing (capacity 10).");
  });

  it("skips agents at capacity", () => {
    const choice = chooseAssignee("Billing", [agent(1, 10), agent(2, 9)], 10, "r-1");
    expect(choice).toMatchObject({ kind: "assigned", agent: { agentId: 2 } });
  });

  it("leaves the ticket in the group when everyone is at capacity, and says so", () => {
    const choice = chooseAssignee("Billing", [agent(1, 10), agent(2, 12)], 10, "r-1");
    expect(choice).toEqual({
      kind: "unassigned",
      note: "Not assigned: all 2 agents in Billing are at capacity (10 unsolved tickets each); the ticket waits in the group.",
    });
  });

  it("leaves the ticket in a group without agents", () => {
    expect(chooseAssignee("Billing", [], 10, "r-1")).toEqual({
      kind: "unassigned",
      note: "Not assigned: Billing has no agents.",
    });
  });

  it("breaks ties by request: the same request always gets the same agent", () => {
    const tied = [agent(3, 2), agent(1, 2), agent(2, 2), agent(4, 6)];
    const pick = (requestId: string, agents = tied) => {
      const choice = chooseAssignee("Billing", agents, 10, requestId);
      return choice.kind === "assigned" ? choice.agent.agentId : undefined;
    };
    expect(pick("r-42")).toBe(pick("r-42"));
    expect(pick("r-42", [...tied].reverse())).toBe(pick("r-42"));
  });

  it("spreads a burst over equally loaded agents", () => {
    const tied = [agent(1, 0), agent(2, 0), agent(3, 0)];
    const picked = new Set(
      Array.from({ length: 30 }, (_, i) => {
        const choice = chooseAssignee("Billing", tied, 10, `request-${i}`);
        return choice.kind === "assigned" ? choice.agent.agentId : undefined;
      }),
    );
    expect(picked).toEqual(new Set([1, 2, 3]));
  });
});
