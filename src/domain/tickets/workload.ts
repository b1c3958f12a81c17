/** An agent of a group with their current number of unsolved tickets. */
export interface AgentLoad {
  readonly agentId: number;
  readonly name: string;
  readonly openTickets: number;
}

export type AssignmentChoice =
  | { readonly kind: "assigned"; readonly agent: AgentLoad; readonly note: string }
  | { readonly kind: "unassigned"; readonly note: string };

/** A small, stable hash: the same request picks the same agent among equals on every retry. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * The agent with the fewest unsolved tickets under the group's capacity. Ties are broken by the request
 * id, so a burst of tickets spreads over equally loaded agents (search counts lag behind by minutes)
 * while a retried request keeps its choice. Nobody under capacity: the ticket stays with the group.
 */
export function chooseAssignee(
  group: string,
  agents: readonly AgentLoad[],
  capacity: number,
  requestId: string,
): AssignmentChoice {
  if (agents.length === 0) {
    return { kind: "unassigned", note: `Not assigned: ${group} has no agents.` };
  }
  const available = agents.filter((a) => a.openTickets < capacity);
  if (available.length === 0) {
    return {
      kind: "unassigned",
      note:
        `Not assigned: all ${agents.length} agents in ${group} are at capacity ` +
        `(${capacity} unsolved tickets each); the ticket waits in the group.`,
    };
  }
  const fewest = Math.min(...available.map((a) => a.openTickets));
  const tied = available.filter((a) => a.openTickets === fewest).sort((a, b) => a.agentId - b.agentId);
  const agent = tied[hash(requestId) % tied.length] as AgentLoad;
  return {
    kind: "assigned",
    agent,
    note:
      `Assigned to ${agent.name}: ${fewest} unsolved tickets, the fewest in ${group} ` +
      `(capacity ${capacity}).`,
  };
}
