import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, it } from "vitest";
import { embeddedTablePerTest } from "../../../test/support/embedded-table.js";
import { DynamoCustomerData } from "./customer-data.js";
import { keys } from "./table-layout.js";
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

  it("keeps what routing gave the ticket, for a notice that is still owed", async () => {
    await links.link({
      requestId: "req-5",
      ticketId: 11,
      chatId: 42,
      telegramUserId: 42,
      locale: "en",
      routed: { priority: "high", category: "payment" },
    });
    expect((await links.findByRequest("req-5"))?.routed).toEqual({ priority: "high", category: "payment" });
    expect((await links.findByRequest("req-1"))?.routed).toBeUndefined();
  });

  it("grants it again after a release, and never for a request without a ticket", async () => {
    expect(await links.claimCustomerNotice("req-1")).toBe(true);
    await links.releaseCustomerNotice("req-1");
    expect((await links.findByRequest("req-1"))?.customerNotified).toBe(false);
    expect(await links.claimCustomerNotice("req-1")).toBe(true);
    expect(await links.claimCustomerNotice("req-unknown")).toBe(false);
  });
});

describe("DynamoTicketLinks: the delay notice claim on embedded DynamoDB", () => {
  const table = embeddedTablePerTest("ticket-links-delay");
  let links: DynamoTicketLinks;

  beforeEach(() => {
    links = new DynamoTicketLinks(table().db, table().tableName, 90 * 24 * 3600, {
      now: () => new Date("2026-11-26T00:00:00Z"),
    });
  });

  it("grants it once for a submitted request, before and after its ticket is linked", async () => {
    await table().db.send(
      new PutCommand({
        TableName: table().tableName,
        Item: { pk: "REQUEST#req-2", sk: "REQUEST", status: "submitted" },
      }),
    );
    const racing = await Promise.all([links.claimDelayNotice("req-2"), links.claimDelayNotice("req-2")]);
    expect(racing.filter(Boolean)).toHaveLength(1);
    await links.link({ requestId: "req-2", ticketId: 8, chatId: 42, telegramUserId: 42, locale: "en" });
    expect(await links.claimDelayNotice("req-2")).toBe(false);
  });

  it("never grants it once the ticket is linked, even if it was never claimed", async () => {
    await links.link({ requestId: "req-3", ticketId: 9, chatId: 42, telegramUserId: 42, locale: "en" });
    expect(await links.claimDelayNotice("req-3")).toBe(false);
  });

  it("grants it again after a release", async () => {
    await table().db.send(
      new PutCommand({
        TableName: table().tableName,
        Item: { pk: "REQUEST#req-4", sk: "REQUEST", status: "submitted" },
      }),
    );
    expect(await links.claimDelayNotice("req-4")).toBe(true);
    await links.releaseDelayNotice("req-4");
    expect(await links.claimDelayNotice("req-4")).toBe(true);
    await links.releaseDelayNotice("req-unknown");
  });

  it("never grants it for a request the table has no record of, and writes nothing", async () => {
    expect(await links.claimDelayNotice("req-unknown")).toBe(false);
    const { Item } = await table().db.send(
      new GetCommand({ TableName: table().tableName, Key: { pk: "REQUEST#req-unknown", sk: "REQUEST" } }),
    );
    expect(Item).toBeUndefined();
  });
});

describe("DynamoTicketLinks: a request its customer erased, on embedded DynamoDB", () => {
  const table = embeddedTablePerTest("ticket-links-withdrawn");
  const clock = { now: () => new Date("2026-11-26T00:00:00Z") };
  const request = {
    pk: "REQUEST#req-6",
    sk: "REQUEST",
    status: "submitted",
    gsi1pk: keys.customerRequests(42),
    gsi1sk: keys.customerRequestSort("2026-11-26T00:00:00.000Z", "req-6"),
  };
  const submit = () => table().db.send(new PutCommand({ TableName: table().tableName, Item: request }));

  it("reads the withdrawal with the ticket made meanwhile, kept when the erasure runs again", async () => {
    const links = new DynamoTicketLinks(table().db, table().tableName, 90 * 24 * 3600, clock);
    const customerData = new DynamoCustomerData(table().db, table().tableName, clock);
    expect(await links.withdrawal("req-6")).toBeUndefined();
    await submit();
    await customerData.erase({ telegramUserId: 42, chatId: 42 });
    expect(await links.withdrawal("req-6")).toEqual({ noted: false });
    await links.recordWithdrawnTicket("req-6", 12, false);
    await links.recordWithdrawnTicket("req-6", 12, true);
    // A redelivered /forget after a crash that left the request behind.
    await submit();
    await customerData.erase({ telegramUserId: 42, chatId: 42 });
    expect(await links.withdrawal("req-6")).toEqual({ ticketId: 12, noted: true });
  });
});
