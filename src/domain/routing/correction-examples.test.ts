import { describe, expect, it } from "vitest";
import type { RoutingCorrection } from "../../ports/routing-corrections.js";
import { correctionExamples } from "./correction-examples.js";

const correction = (p: Partial<RoutingCorrection>): RoutingCorrection => ({
  eventId: "ev",
  ticketId: 1,
  text: "charged twice",
  category: "payment",
  previousGroup: "Logistics L1",
  newGroup: "Billing",
  correctedAt: "2026-11-25T12:00:00.000Z",
  ...p,
});

describe("exported correction examples", () => {
  it("have the training data's fields plus where the label came from", () => {
    expect(correctionExamples([correction({})])).toEqual([
      {
        text: "charged twice",
        category: "payment",
        source_intent: "agent_group_move",
        source: "zendesk-correction",
        ticket_id: 1,
        previous_group: "Logistics L1",
        new_group: "Billing",
        corrected_at: "2026-11-25T12:00:00.000Z",
      },
    ]);
  });

  it("keep one example per ticket, labelled by the last move, in time order", () => {
    const examples = correctionExamples([
      correction({ eventId: "b", ticketId: 1, category: "returns", correctedAt: "2026-11-25T13:00:00.000Z" }),
      correction({ eventId: "c", ticketId: 2, category: "order", correctedAt: "2026-11-25T12:30:00.000Z" }),
      correction({ eventId: "a", ticketId: 1, category: "payment", correctedAt: "2026-11-25T12:00:00.000Z" }),
    ]);
    expect(examples.map((e) => [e.ticket_id, e.category])).toEqual([
      [2, "order"],
      [1, "returns"],
    ]);
  });
});
