import { Readable } from "node:stream";
import type { ZendeskClient } from "node-zendesk";
import { raise } from "../../domain/tickets/routing-rules.js";
import {
  type CommentAttachment,
  type HelpDesk,
  HelpDeskUnavailable,
  type NewTicket,
  type Requester,
  type TicketComment,
  type TicketPriority,
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
    // Unlike the other calls, node-zendesk's upload resolves to the response body itself.
    const body = (await this.client.attachments.upload(Readable.from(Buffer.from(file.bytes)) as never, {
      filename: file.fileName,
      binary: true,
    })) as unknown as { upload: { token: string } };
    return body.upload.token;
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

  async getComment(ticketId: number, commentId: number): Promise<TicketComment | undefined> {
    const comments = (await this.client.tickets.getComments(ticketId)) as unknown as ZendeskComment[];
    const comment = comments.find((c) => c.id === commentId);
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
