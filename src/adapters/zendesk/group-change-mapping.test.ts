import { describe, expect, it } from "vitest";
import { groupChangeOf } from "./group-change-mapping.js";
import type { ZendeskEvent } from "./webhook-event-schema.js";

const RECEIVED = new Date("2026-11-25T12:00:05Z");
const groupMove = (event: Record<string, unknown>, extra: Partial<ZendeskEvent> = {}): ZendeskEvent => ({
  id: "01HEVENT",
  type: "zen:event-type:ticket.group_assignment_changed",
  subject: "zen:ticket:35",
  time: "2026-11-25T12:00:00Z",
  detail: { id: "35", description: "Where is my refund?", group_id: "200" },
  event,
  ...extra,
});

describe("group changes in Zendesk events", () => {
  it("reads the string ids, the ticket's description and the event time", () => {
    expect(groupChangeOf(groupMove({ current: "200", previous: "100" }), RECEIVED)).toEqual({
      eventId: "01HEVENT",
      ticketId: 35,
      previousGroupId: 100,
      currentGroupId: 200,
      description: "Where is my refund?",
      at: new Date("2026-11-25T12:00:00Z"),
    });
  });

  it("reads a ticket taken out of its group, or put in one for the first time", () => {
    expect(groupChangeOf(groupMove({ current: null, previous: "100" }), RECEIVED)?.currentGroupId).toBeNull();
    expect(
      groupChangeOf(groupMove({ current: "200", previous: null }), RECEIVED)?.previousGroupId,
    ).toBeNull();
  });

  it("falls back to the time of receipt when the event has none", () => {
    const { time: _time, ...withoutTime } = groupMove({ current: "200", previous: "100" });
    expect(groupChangeOf(withoutTime, RECEIVED)?.at).toEqual(RECEIVED);
  });

  it("ignores other event types and malformed group ids", () => {
    expect(
      groupChangeOf(
        groupMove({ current: "200" }, { type: "zen:event-type:ticket.status_changed" }),
        RECEIVED,
      ),
    ).toBeUndefined();
    expect(groupChangeOf(groupMove({ current: "Billing", previous: "100" }), RECEIVED)).toBeUndefined();
  });
});
