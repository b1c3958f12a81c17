import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { UserFromGetMe } from "grammy/types";
import { beforeEach, describe, expect, it } from "vitest";
import { embeddedTablePerTest } from "../../../test/support/embedded-table.js";
import { DynamoBotIdentity } from "./bot-identity.js";
import { keys } from "./table-layout.js";

const identity = {
  id: 7000001,
  is_bot: true,
  first_name: "Support Bridge",
  username: "support_bridge_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
} as UserFromGetMe;

describe("DynamoBotIdentity: the bot's getMe answer kept on embedded DynamoDB", () => {
  const table = embeddedTablePerTest("bot-identity");
  let now: Date;
  let kept: DynamoBotIdentity;

  beforeEach(() => {
    now = new Date("2026-11-26T00:00:00Z");
    kept = new DynamoBotIdentity(table().db, table().tableName, 3600, { now: () => now });
  });

  it("gives back what was kept, every field of it", async () => {
    expect(await kept.read()).toBeUndefined();
    await kept.write(identity);
    expect(await kept.read()).toEqual(identity);
  });

  it("forgets it once its time is up, before DynamoDB's TTL removes the item", async () => {
    await kept.write(identity);
    now = new Date(now.getTime() + 3599_000);
    expect(await kept.read()).toEqual(identity);
    now = new Date(now.getTime() + 1000);
    expect(await kept.read()).toBeUndefined();
  });

  it("ignores an item that is not a bot's identity", async () => {
    await table().db.send(
      new PutCommand({
        TableName: table().tableName,
        Item: { ...keys.botIdentity(), identity: { id: "7000001" }, expiresAt: 9_999_999_999 },
      }),
    );
    expect(await kept.read()).toBeUndefined();
  });
});
