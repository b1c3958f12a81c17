import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  paginateQuery,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Clock } from "../../ports/clock.js";
import type { CustomerData, ErasureReport } from "../../ports/customer-data.js";
import { isOpenStatus, type RequestStatus } from "../../ports/intake-store.js";
import { epochSeconds, keys } from "./table-layout.js";

type ItemKey = { readonly pk: string; readonly sk: string };
type Counted = Exclude<keyof ErasureReport, "openTickets" | "withdrawnRequests">;

/** Past the dead-letter queue's 14 days, so a replayed request still finds its withdrawal. */
const WITHDRAWAL_SECONDS = 15 * 24 * 3600;

/** Which count a deleted item adds to, by its sort key. */
const KIND_BY_SORT_KEY: Record<string, Counted> = {
  FORM: "sessions",
  REQUEST: "requests",
  TICKET: "ticketLinks",
  PROFILE: "profiles",
  HELD: "heldMessages",
};

/**
 * Erases a customer from the single table (docs/data-model.md, "Erasure"). Requests, ticket links and the
 * profile are found in the customer's gsi1 partition; links written before they joined that partition are
 * found through their request, and the profile, the private chat's session and its open ticket question by
 * their keys. SLA clocks
 * and delivery records name no customer and stay.
 */
export class DynamoCustomerData implements CustomerData {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async erase(customer: { telegramUserId: number; chatId: number }): Promise<ErasureReport> {
    const targets = new Map<string, ItemKey>();
    const add = (key: ItemKey) => targets.set(`${key.pk}|${key.sk}`, key);
    const openTickets = new Set<number>();
    const requestIds: string[] = [];
    for (const item of await this.customerItems(customer.telegramUserId)) {
      add({ pk: item.pk as string, sk: item.sk as string });
      const ticketId = item.ticketId as number | undefined;
      if (item.sk === "REQUEST") requestIds.push((item.pk as string).slice("REQUEST#".length));
      if (item.sk !== "REQUEST" || ticketId === undefined) continue;
      add(keys.ticket(ticketId));
      if (isOpenStatus(item.status as RequestStatus)) openTickets.add(ticketId);
    }
    add(keys.profile(customer.telegramUserId));
    add(keys.session(String(customer.chatId)));
    // Ids only, but it names the chat: the held message it points to goes above.
    add(keys.openQuestion(customer.chatId));

    const counts: Record<Counted, number> = {
      sessions: 0,
      requests: 0,
      ticketLinks: 0,
      profiles: 0,
      heldMessages: 0,
    };
    // Every request is withdrawn before anything is deleted: one still being filed (a retry or a dead letter
    // owes it a ticket) must not reach the help desk once its customer erased it, and a redelivered /forget
    // after a crash would find no request left to withdraw. Routing checks for these; they name no customer.
    // An update, not a put: a redelivered /forget keeps what routing recorded on a withdrawal since.
    for (const requestId of requestIds)
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.withdrawn(requestId),
          UpdateExpression: "SET expiresAt = :expiresAt",
          ExpressionAttributeValues: { ":expiresAt": epochSeconds(this.clock.now()) + WITHDRAWAL_SECONDS },
        }),
      );
    let withdrawnRequests = 0;
    for (const key of targets.values()) {
      const { Attributes } = await this.db.send(
        new DeleteCommand({ TableName: this.tableName, Key: key, ReturnValues: "ALL_OLD" }),
      );
      const kind = KIND_BY_SORT_KEY[key.sk];
      if (Attributes !== undefined && kind !== undefined) counts[kind] += 1;
      // Read from the item itself: the index the requests were found through may lag behind a new link.
      if (kind === "requests" && Attributes !== undefined && Attributes.ticketId === undefined)
        withdrawnRequests++;
    }
    return { ...counts, openTickets: [...openTickets].sort((a, b) => a - b), withdrawnRequests };
  }

  private async customerItems(telegramUserId: number): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.db },
      {
        TableName: this.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.customerRequests(telegramUserId) },
        ProjectionExpression: "pk, sk, ticketId, #status",
        ExpressionAttributeNames: { "#status": "status" },
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }
}
