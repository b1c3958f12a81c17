import { Readable } from "node:stream";
import type { ZendeskClient } from "node-zendesk";
import type { RequesterProfile } from "../../domain/tickets/customer-tier.js";
import { raise } from "../../domain/tickets/routing-rules.js";
import type { AgentLoad } from "../../domain/tickets/workload.js";
import type { TicketOwner } from "../../ports/alerts.js";
import {
  type CommentAttachment,
  type HelpDesk,
  HelpDeskRejected,
  HelpDeskUnavailable,
  type NewTicket,
  type Requester,
  type TicketComment,
  type TicketPriority,
  type TicketUpdate,
  type UploadedFile,
} from "../../ports/help-desk.js";
import { createZendeskClient, credentialsOf, type ZendeskApiSettings } from "./zendesk-client.js";
import type { TransportSettings } from "./zendesk-transport.js";

interface ZendeskComment {
  id: number;
  public?: boolean;
  body?: string;
  html_body?: string;
  plain_body?: string;
  attachments?: Array<{ file_name: string; content_type: string; size: number; content_url: string }>;
}

interface Named {
  id: number;
  name?: string;
  title?: string;
}

interface ZendeskUser {
  id: number;
  name: string;
  role: string;
  active?: boolean;
  suspended?: boolean;
  organization_id?: number | null;
  tags?: string[];
}

/** Zendesk wants a locale it knows; these are the ones the bot speaks. */
const ZENDESK_LOCALES: Record<string, string> = { en: "en-US", ru: "ru" };

/** The most comments a page of the list holds (Zendesk's maximum). */
const COMMENTS_PAGE_SIZE = 100;

/** What an SLA escalation changes on a ticket, and why (for the agents' internal note). */
export interface Escalation {
  readonly reason: string;
  readonly tags: readonly string[];
  /** Where an unassigned ticket goes; an assigned one stays with its agent. */
  readonly group?: string;
  /**
   * Added when the escalation moves the ticket: a ticket carrying it is not moved again, since whoever moved
   * it back after the first move meant it.
   */
  readonly movedTag?: string;
  /** The step is about the ticket having no assignee: with one, nothing is changed. */
  readonly onlyWhileUnassigned?: boolean;
  /**
   * A tag only this escalation adds, for a step that happens once per ticket: when the ticket has it, the
   * escalation is already done (a scan that crashed or lost its write after it) and is not repeated.
   */
  readonly doneTag?: string;
}

/**
 * The help desk port on Zendesk through node-zendesk. Group and custom field ids differ per account, so
 * they are looked up by name once per container and cached: a steady-state ticket costs one call, two
 * for a customer seen for the first time.
 */
export class ZendeskHelpDesk implements HelpDesk {
  private readonly client: ZendeskClient;
  private groups?: Promise<Map<string, number>>;
  private fields?: Promise<Map<string, number>>;
  /** Organization ids by lower-case name; names are few (config/routing.json) and rarely renamed. */
  private readonly organizations = new Map<string, Promise<number | undefined>>();

  constructor(
    private readonly settings: ZendeskApiSettings,
    private readonly transport?: TransportSettings,
  ) {
    this.client = createZendeskClient(settings, { transport });
  }

  async upsertRequester(requester: Requester): Promise<RequesterProfile> {
    // The answer carries the user's organization and tags, so the customer's tier costs no extra call.
    const { result } = (await this.client.users.createOrUpdate({
      user: {
        name: requester.name,
        external_id: requester.externalId,
        ...(requester.details === undefined ? {} : { details: requester.details }),
        locale: ZENDESK_LOCALES[requester.locale] ?? requester.locale,
        role: "end-user",
      },
    } as never)) as unknown as { result: ZendeskUser };
    return { id: result.id, organizationId: result.organization_id ?? null, tags: result.tags ?? [] };
  }

  async organizationIds(names: readonly string[]): Promise<ReadonlyMap<string, number>> {
    const found = await Promise.all(
      names.map(async (name) => [name.toLowerCase(), await this.organizationId(name)] as const),
    );
    return new Map(found.filter((entry): entry is [string, number] => entry[1] !== undefined));
  }

  /** `GET /organizations/search?name=` matches the exact name; cached per container, failures are not. */
  private organizationId(name: string): Promise<number | undefined> {
    const key = name.toLowerCase();
    let lookup = this.organizations.get(key);
    if (!lookup) {
      lookup = (
        this.client.organizations.get(["organizations", "search", { name }]) as unknown as Promise<
          Named[] | { result: Named[] }
        >
      ).then((body) => {
        const list = Array.isArray(body) ? body : body.result;
        return list.find((org) => org.name?.toLowerCase() === key)?.id;
      });
      lookup.catch(() => this.organizations.delete(key));
      this.organizations.set(key, lookup);
    }
    return lookup;
  }

  async agentLoads(groupName: string): Promise<readonly AgentLoad[]> {
    const groupId = (await this.groupIds()).get(groupName);
    if (groupId === undefined) return [];
    const members = (await this.client.users.listByGroup(groupId)) as unknown as ZendeskUser[];
    const agents = members.filter(
      (u) => (u.role === "agent" || u.role === "admin") && u.active !== false && u.suspended !== true,
    );
    return Promise.all(
      agents.map(async (agent) => {
        // Unsolved = new, open, pending or on hold; the search index trails new tickets by a minute or so.
        const { result } = (await this.client.search.showResultsCount(
          `type:ticket assignee:${agent.id} status<solved`,
        )) as unknown as { result: { count: number } };
        return { agentId: agent.id, name: agent.name, openTickets: result.count };
      }),
    );
  }

  /**
   * Who has each ticket now, by name (its group and its assignee), for alerts a manager acts on: two reads per
   * hundred tickets, so a digest of a storm names them too. A ticket Zendesk no longer has is left out.
   */
  async ticketOwners(ticketIds: readonly number[]): Promise<ReadonlyMap<number, TicketOwner>> {
    const tickets: Array<{
      id: number;
      group_id: number | null;
      assignee_id: number | null;
      priority?: string | null;
    }> = [];
    for (const ids of inHundreds([...new Set(ticketIds)]))
      tickets.push(
        ...((await this.client.tickets.showMany(ids)) as unknown as { result: typeof tickets }).result,
      );
    const assigneeIds = [...new Set(tickets.flatMap((t) => (t.assignee_id === null ? [] : [t.assignee_id])))];
    const names = new Map<number, string>();
    for (const ids of inHundreds(assigneeIds))
      for (const user of ((await this.client.users.showMany(ids)) as unknown as { result: ZendeskUser[] })
        .result)
        names.set(user.id, user.name);
    const groups = tickets.some((t) => t.group_id !== null)
      ? await this.groupNames()
      : new Map<number, string>();
    return new Map(
      tickets.map((t) => {
        const group = t.group_id === null ? undefined : groups.get(t.group_id);
        // An assignee Zendesk no longer shows (a deleted user) is still someone, not "unassigned".
        const assignee =
          t.assignee_id === null ? undefined : (names.get(t.assignee_id) ?? `#${t.assignee_id}`);
        return [
          t.id,
          {
            ...(group ? { group } : {}),
            ...(assignee ? { assignee } : {}),
            ...(t.priority ? { priority: t.priority } : {}),
          },
        ];
      }),
    );
  }

  async groupNames(): Promise<ReadonlyMap<number, string>> {
    return new Map([...(await this.groupIds())].map(([name, id]) => [id, name]));
  }

  async upload(file: UploadedFile): Promise<string> {
    // Unlike the other calls, node-zendesk's upload resolves to the response body itself.
    const body = (await this.client.attachments.upload(Readable.from(Buffer.from(file.bytes)) as never, {
      filename: file.fileName,
      binary: true,
    })) as unknown as { upload: { token: string } };
    return body.upload.token;
  }

  async createTicket(ticket: NewTicket, idempotencyKey: string): Promise<{ ticketId: number }> {
    const groupId = ticket.groupName ? (await this.groupIds()).get(ticket.groupName) : undefined;
    const custom_fields = await this.customFields(ticket.fields);
    const client = createZendeskClient(this.settings, {
      headers: { "Idempotency-Key": idempotencyKey },
      transport: this.transport,
    });
    try {
      return await this.postTicket(client, ticket, groupId, custom_fields);
    } catch (error) {
      // A retry re-uploads its files, so the body differs from the first attempt's under the same key and
      // Zendesk refuses it; the ticket that attempt made carries our external id, so it is found, not remade.
      if (!(error instanceof HelpDeskRejected && error.details.includes("IdempotentRequestError")))
        throw error;
      const made = await this.ticketByExternalId(ticket.externalId);
      if (made === undefined) throw error;
      return { ticketId: made };
    }
  }

  private async ticketByExternalId(externalId: string): Promise<number | undefined> {
    const tickets = (await this.client.tickets.listWithFilter("external_id", externalId)) as Named[];
    return tickets[0]?.id;
  }

  private async postTicket(
    client: ReturnType<typeof createZendeskClient>,
    ticket: NewTicket,
    groupId: number | undefined,
    custom_fields: unknown[],
  ): Promise<{ ticketId: number }> {
    const { result } = (await client.tickets.create({
      ticket: {
        subject: ticket.subject,
        comment: { body: ticket.description, public: true, uploads: [...ticket.uploads] },
        requester_id: ticket.requesterId,
        submitter_id: ticket.requesterId,
        group_id: groupId,
        priority: ticket.priority,
        tags: [...ticket.tags],
        custom_fields,
        external_id: ticket.externalId,
      },
    } as never)) as unknown as { result: Named };
    return { ticketId: result.id };
  }

  /**
   * Escalates the steps due on a ticket at one scan as one change: the priority raised one step, the tags of
   * all of them, and one internal note saying why. The ticket moves to the escalation group only while nobody
   * is assigned: Zendesk drops an assignee who is not in the new group, so moving an assigned ticket would
   * take it from the agent working it. Each escalation's outcome, in order: `"moot"` for one about an
   * unassigned ticket when Zendesk shows an assignee the bridge has not heard of yet; `"escalated"` for one
   * whose own tag the ticket carries already (a scan redone after a crash), without changing it again.
   */
  async escalate(ticketId: number, escalations: readonly Escalation[]): Promise<Array<"escalated" | "moot">> {
    const { result } = (await this.client.tickets.show(ticketId)) as unknown as {
      result: {
        priority: TicketPriority | null;
        assignee_id: number | null;
        group_id?: number | null;
        tags?: string[];
      };
    };
    const assigned = result.assignee_id !== null;
    const outcomes = escalations.map((escalation) =>
      assigned && escalation.onlyWhileUnassigned ? ("moot" as const) : ("escalated" as const),
    );
    const due = escalations.filter(
      (escalation, n) =>
        outcomes[n] === "escalated" &&
        (escalation.doneTag === undefined || !result.tags?.includes(escalation.doneTag)),
    );
    if (due.length === 0) return outcomes;
    const mover = assigned ? undefined : due.find((escalation) => escalation.group !== undefined);
    const group = mover?.group;
    const movedBefore = mover?.movedTag !== undefined && result.tags?.includes(mover.movedTag) === true;
    const target = group === undefined || movedBefore ? undefined : (await this.groupIds()).get(group);
    // A ticket already in the escalation group (an earlier step moved it) is not "moved" again.
    const groupId = target === result.group_id ? undefined : target;
    const before = result.priority ?? "normal";
    const priority = raise(before);
    const raised =
      priority === before ? `Priority stays ${priority}, the highest` : `Priority raised to ${priority}`;
    // A group the account lacks (a typo in the config, a group renamed since): the agents and the admin who
    // reads the note learn why the ticket did not move, instead of nothing at all.
    const missing = group !== undefined && !movedBefore && target === undefined;
    const moved =
      groupId !== undefined
        ? `; moved to ${group}, as nobody was assigned`
        : missing
          ? `; not moved to "${group}": this Zendesk account has no group of that name (check the escalation settings in config/sla-policies.json)`
          : "";
    const reasons = due.map((escalation) => escalation.reason).join("; ");
    await this.client.tickets.update(ticketId, {
      ticket: {
        priority,
        additional_tags: [
          ...new Set([
            ...due.flatMap((escalation) => escalation.tags),
            ...(groupId !== undefined && mover?.movedTag !== undefined ? [mover.movedTag] : []),
          ]),
        ],
        comment: { body: `SLA escalation: ${reasons}. ${raised}${moved}.`, public: false },
        ...(groupId === undefined ? {} : { group_id: groupId }),
      },
    } as never);
    return outcomes;
  }

  /**
   * The Ticketing API has no single-comment endpoint. The comment a webhook names is almost always among the
   * newest, so one page of them, newest first, is read before the whole list, which on a long ticket is a
   * request per 100 comments.
   */
  async getComment(ticketId: number, commentId: number): Promise<TicketComment | undefined> {
    const named = (comments: ZendeskComment[]) => comments.find((c) => c.id === commentId);
    const { result: newest } = (await this.client.tickets.get([
      "tickets",
      ticketId,
      "comments",
      { sort_order: "desc", per_page: COMMENTS_PAGE_SIZE },
    ])) as unknown as { result: ZendeskComment[] };
    // A page that is not full holds the whole ticket.
    const comment =
      named(newest) ??
      (newest.length < COMMENTS_PAGE_SIZE
        ? undefined
        : named((await this.client.tickets.getComments(ticketId)) as unknown as ZendeskComment[]));
    if (!comment) return undefined;
    return {
      id: comment.id,
      public: comment.public === true,
      htmlBody: comment.html_body,
      plainBody: comment.plain_body ?? comment.body,
      attachments: (comment.attachments ?? []).map((a) => ({
        fileName: a.file_name,
        contentType: a.content_type,
        size: a.size,
        url: a.content_url,
      })),
    };
  }

  async download(attachment: CommentAttachment): Promise<UploadedFile> {
    // Private attachments need the API credentials; they are only ever sent to the account's own host.
    const sameHost = new URL(attachment.url).host === new URL(this.settings.url).host;
    const response = await fetch(attachment.url, {
      headers: sameHost ? { authorization: await credentialsOf(this.settings).header() } : {},
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new HelpDeskUnavailable(`attachment download answered ${response.status}`);
    return {
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      bytes: new Uint8Array(await response.arrayBuffer()),
    };
  }

  async addCustomerComment(
    ticketId: number,
    requesterId: number,
    body: string,
    uploads: readonly string[],
  ): Promise<void> {
    await this.client.tickets.update(ticketId, {
      ticket: { comment: { body, public: true, author_id: requesterId, uploads: [...uploads] } },
    } as never);
  }

  async addInternalNote(
    ticketId: number,
    body: string,
    options: { assigneeId?: number } = {},
  ): Promise<void> {
    const assignee = options.assigneeId === undefined ? {} : { assignee_id: options.assigneeId };
    await this.client.tickets.update(ticketId, {
      ticket: { comment: { body, public: false }, ...assignee },
    } as never);
  }

  async updateTicket(ticketId: number, update: TicketUpdate): Promise<void> {
    const custom_fields = update.fields ? await this.customFields(update.fields) : undefined;
    const comment = update.comment && {
      body: update.comment.body,
      public: update.comment.public,
      ...(update.comment.public ? { author_id: update.comment.authorId } : {}),
    };
    await this.client.tickets.update(ticketId, {
      ticket: {
        ...(update.status ? { status: update.status } : {}),
        ...(custom_fields ? { custom_fields } : {}),
        ...(update.addTags ? { additional_tags: [...update.addTags] } : {}),
        ...(update.removeTags ? { remove_tags: [...update.removeTags] } : {}),
        ...(comment ? { comment } : {}),
      },
    } as never);
  }

  /** Field values by title as Zendesk wants them; a title the account lacks is left out. */
  private async customFields(byTitle: Readonly<Record<string, string | number | null>>) {
    const fieldIds = await this.fieldIds();
    return Object.entries(byTitle)
      .filter(([title]) => fieldIds.has(title))
      .map(([title, value]) => ({ id: fieldIds.get(title), value }));
  }

  private groupIds(): Promise<Map<string, number>> {
    this.groups ??= this.byName(this.client.groups.list() as unknown as Promise<Named[]>, "name");
    return this.groups;
  }

  private fieldIds(): Promise<Map<string, number>> {
    this.fields ??= this.byName(this.client.ticketfields.list() as unknown as Promise<Named[]>, "title");
    return this.fields;
  }

  private byName(list: Promise<Named[]>, key: "name" | "title"): Promise<Map<string, number>> {
    const lookup = list.then((items) => new Map(items.map((item) => [item[key] ?? "", item.id])));
    // A failed lookup is not cached: the next ticket tries again.
    lookup.catch(() => {
      if (key === "name") this.groups = undefined;
      else this.fields = undefined;
    });
    return lookup;
  }
}

/** Zendesk's show_many endpoints take at most 100 ids a request. */
function inHundreds(ids: readonly number[]): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < ids.length; start += 100) chunks.push(ids.slice(start, start + 100));
  return chunks;
}
