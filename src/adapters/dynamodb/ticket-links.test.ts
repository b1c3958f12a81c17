import { beforeEach, describe, expect, it } from "vitest";
import { embeddedTablePerTest } from "../../../test/support/embedded-table.js";
import { DynamoTicketLinks } from "./ticket-links.js";

describe("DynamoTicketLinks: the ticket-created notice claim on embedded DynamoDB", () => {
  const table = embeddedTablePerTest("ticket-links");
  let links: DynamoTicketLinks;

  beforeEach(async () => {
    links = new DynamoTicketLinks(table().db, table().tableName, 90 * 24 * 3600, {
      now: () => new Date("2026-11-26T00:00:00Z"),
    });
    await links.link({ requestId: "req-1", ticketId: 7, chatId: 42, telegramUserId: 42, locale: "en" });
  });

  it("grants the claim to one of two racing deliveries, and marks the link notified", async () => {
    const results = await Promise.all([
      links.claimCustomerNotice("req-1"),
      links.claimCustomerNotice("req-1"),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await links.findByRequest("req-1"))?.customerNotified).toBe(true);
  });

  it("grants it again after a release, and never for a request without a ticket", async () => {
    expect(await links.claimCustomerNotice("req-1")).toBe(true);
    await links.releaseCustomerNotice("req-1");
    expect((await links.findByRequest("req-1"))?.customerNotified).toBe(false);
    expect(await links.claimCustomerNotice("req-1")).toBe(true);
    expect(await links.claimCustomerNotice("req-unknown")).toBe(false);
  });
});
