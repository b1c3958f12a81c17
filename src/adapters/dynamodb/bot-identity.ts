import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { UserFromGetMe } from "grammy/types";
import type { Clock } from "../../ports/clock.js";
import * as z from "../../zod.js";
import { epochSeconds, keys } from "./table-layout.js";

// The fields the bot reads of itself; the rest of the getMe answer is kept as it came.
const storedIdentity = z.looseObject({
  id: z.number(),
  is_bot: z.literal(true),
  first_name: z.string(),
  username: z.string(),
});

/**
 * The bot's identity (Telegram's getMe answer) kept in the table for `keepSeconds`, so that a new container
 * need not ask Telegram for it before its first update. A read ignores an expired or malformed item.
 */
export class DynamoBotIdentity {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly keepSeconds: number,
    private readonly clock: Clock,
  ) {}

  async read(): Promise<UserFromGetMe | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.botIdentity() }),
    );
    if (!Item || (Item.expiresAt as number) <= epochSeconds(this.clock.now())) return undefined;
    const parsed = storedIdentity.safeParse(Item.identity);
    // Written only from getMe's own answer, so the fields not checked are there as Telegram sent them.
    return parsed.success ? (parsed.data as unknown as UserFromGetMe) : undefined;
  }

  async write(identity: UserFromGetMe): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.botIdentity(),
          identity,
          expiresAt: epochSeconds(this.clock.now()) + this.keepSeconds,
        },
      }),
    );
  }
}
