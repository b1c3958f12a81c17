import { Readable } from "node:stream";
import type { ZendeskClient } from "node-zendesk";
import { raise } from "../../domain/tickets/routing-rules.js";
import type { HelpDesk, NewTicket, Requester, TicketPriority, UploadedFile } from "../../ports/help-desk.js";
import { createZendeskClient, type ZendeskApiSettings } from "./zendesk-client.js";
import type { TransportSettings } from "./zendesk-transport.js";

interface Named {
  id: number;
  name?: string;
  title?: string;
}

/** Zendesk wants a locale it knows; these are the ones the bot speaks. */
const ZENDESK_LOCALES: Record<string, string> = { en: "en-US", ru: "ru" };

/**
 * The help desk port on Zendesk through node-zendesk. Group and custom field ids differ per account, so
 * they are looked up by name once per container and cached: a steady-state ticket costs one call, two
 * for a customer seen for the first time.
 */
export class ZendeskHelpDesk implements HelpDesk {
  private readonly client: ZendeskClient;
  private groups?: Promise<Map<string, number>>;
  private fields?: Promise<Map<string, number>>;

  constructor(
    private readonly settings: ZendeskApiSettings,
    private readonly transport?: TransportSettings,
  ) {
    this.client = createZendeskClient(settings, { transport });
  }

  async upsertRequester(requester: Requester): Promise<number> {
    const { result } = (await this.client.users.createOrUpdate({
      user: {
        name: requester.name,
        external_id: requester.externalId,
        locale: ZENDESK_LOCALES[requester.locale] ?? requester.locale,
        role: "end-user",
      },
    } as never)) as unknown as { result: Named };
    return result.id;
  }

  async upload(file: UploadedFile): Promise<string> {
    const { result } = (await this.client.attachments.upload(
      Readable.from(Buffer.from(file.bytes)) as never,
      {
        filename: file.fileName,
        binary: true,
      },
    )) as unknown as { result: { upload: { token: string } } };
    return result.upload.token;
  }

  async createTicket(ticket: NewTicket, idempotencyKey: string): Promise<{ ticketId: number }> {
    const groupId = ticket.groupName ? (await this.groupIds()).get(ticket.groupName) : undefined;
    const fieldIds = await this.fieldIds();
    const custom_fields = Object.entries(ticket.fields)
      .filter(([title]) => fieldIds.has(title))
      .map(([title, value]) => ({ id: fieldIds.get(title), value }));
    const client = createZendeskClient(this.settings, {
      headers: { "Idempotency-Key": idempotencyKey },
      transport: this.transport,
    });
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

  /** Raises the priority one step, tags the ticket and moves it to the escalation group (idempotent). */
  async escalate(ticketId: number, escalation: { group: string; tags: readonly string[] }): Promise<void> {
    const { result } = (await this.client.tickets.show(ticketId)) as unknown as {
      result: { priority: TicketPriority | null; group_id: number | null };
    };
    const groupId = (await this.groupIds()).get(escalation.group);
    await this.client.tickets.update(ticketId, {
      ticket: {
        priority: raise(result.priority ?? "normal"),
        additional_tags: [...escalation.tags],
        ...(groupId === undefined ? {} : { group_id: groupId }),
      },
    } as never);
  }

  async addInternalNote(ticketId: number, body: string): Promise<void> {
    await this.client.tickets.update(ticketId, { ticket: { comment: { body, public: false } } } as never);
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
