/**
 * Record shapes as the Zendesk Support API serialises them (snake_case, ISO timestamps without millis).
 * The emulator stores these objects directly, so what a test inspects is exactly what a client receives.
 */
export type TicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed";
export const TICKET_STATUSES: readonly TicketStatus[] = [
  "new",
  "open",
  "pending",
  "hold",
  "solved",
  "closed",
];
export type TicketPriority = "urgent" | "high" | "normal" | "low";
export const TICKET_PRIORITIES: readonly TicketPriority[] = ["urgent", "high", "normal", "low"];
export type TicketType = "problem" | "incident" | "question" | "task";
export const TICKET_TYPES: readonly TicketType[] = ["problem", "incident", "question", "task"];
export type UserRole = "end-user" | "agent" | "admin";

export interface Via {
  channel: string;
  source: { from: Record<string, unknown>; to: Record<string, unknown>; rel: string | null };
}

export interface CustomFieldValue {
  id: number;
  value: string | number | boolean | string[] | null;
}

export interface Attachment {
  id: number;
  url: string;
  file_name: string;
  content_url: string;
  mapped_content_url: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  inline: boolean;
  deleted: boolean;
  malware_access_override: boolean;
  malware_scan_result: string;
  thumbnails: unknown[];
}

export interface Comment {
  id: number;
  type: "Comment";
  author_id: number;
  body: string;
  html_body: string;
  plain_body: string;
  public: boolean;
  attachments: Attachment[];
  audit_id: number;
  via: Via;
  created_at: string;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
}

export interface Ticket {
  id: number;
  url: string;
  external_id: string | null;
  via: Via;
  created_at: string;
  updated_at: string;
  type: TicketType | null;
  subject: string;
  raw_subject: string;
  description: string;
  priority: TicketPriority | null;
  status: TicketStatus;
  recipient: string | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  organization_id: number | null;
  group_id: number | null;
  collaborator_ids: number[];
  follower_ids: number[];
  email_cc_ids: number[];
  problem_id: number | null;
  has_incidents: boolean;
  is_public: boolean;
  due_at: string | null;
  tags: string[];
  custom_fields: CustomFieldValue[];
  fields: CustomFieldValue[];
  satisfaction_rating: null;
  sharing_agreement_ids: number[];
  custom_status_id: number;
  followup_ids: number[];
  ticket_form_id: number;
  brand_id: number;
  allow_channelback: boolean;
  allow_attachments: boolean;
  from_messaging_channel: boolean;
}

export interface AuditEvent {
  id: number;
  type: "Create" | "Change" | "Comment";
  field_name?: string;
  value?: unknown;
  previous_value?: unknown;
  body?: string;
  public?: boolean;
  author_id?: number;
  attachments?: Attachment[];
}

export interface Audit {
  id: number;
  ticket_id: number;
  created_at: string;
  author_id: number;
  metadata: { system: Record<string, unknown>; custom: Record<string, unknown> };
  via: Via;
  events: AuditEvent[];
}

export interface User {
  id: number;
  url: string;
  name: string;
  email: string | null;
  created_at: string;
  updated_at: string;
  time_zone: string;
  iana_time_zone: string;
  phone: string | null;
  locale: string;
  locale_id: number;
  organization_id: number | null;
  role: UserRole;
  verified: boolean;
  external_id: string | null;
  tags: string[];
  active: boolean;
  shared: boolean;
  suspended: boolean;
  default_group_id: number | null;
  details: string;
  notes: string;
  user_fields: Record<string, unknown>;
}

export interface Group {
  id: number;
  url: string;
  name: string;
  description: string;
  default: boolean;
  deleted: boolean;
  is_public: boolean;
  created_at: string;
  updated_at: string;
}

export interface GroupMembership {
  id: number;
  url: string;
  user_id: number;
  group_id: number;
  default: boolean;
  created_at: string;
  updated_at: string;
}

export interface Organization {
  id: number;
  url: string;
  name: string;
  external_id: string | null;
  domain_names: string[];
  details: string;
  notes: string;
  group_id: number | null;
  shared_tickets: boolean;
  shared_comments: boolean;
  tags: string[];
  organization_fields: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface CustomFieldOption {
  id: number;
  name: string;
  raw_name: string;
  value: string;
  default: boolean;
}

export interface TicketField {
  id: number;
  url: string;
  type: string;
  title: string;
  raw_title: string;
  description: string;
  raw_description: string;
  position: number;
  active: boolean;
  required: boolean;
  collapsed_for_agents: boolean;
  regexp_for_validation: string | null;
  title_in_portal: string;
  raw_title_in_portal: string;
  visible_in_portal: boolean;
  editable_in_portal: boolean;
  required_in_portal: boolean;
  tag: string | null;
  removable: boolean;
  key: string | null;
  agent_description: string | null;
  custom_field_options?: CustomFieldOption[];
  created_at: string;
  updated_at: string;
}

export interface WebhookAuthentication {
  type: "basic_auth" | "bearer_token" | "api_key";
  add_position: "header";
  data?: Record<string, string>;
}

export interface Webhook {
  id: string;
  name: string;
  description: string;
  status: "active" | "inactive";
  endpoint: string;
  http_method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  request_format: "json" | "xml" | "form_encoded";
  subscriptions: string[];
  authentication?: WebhookAuthentication;
  custom_headers?: Record<string, string>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface ApiToken {
  id: number;
  url: string;
  token: string;
  description: string;
  active: boolean;
  created_at: string;
  updated_at: string;
}

export interface Article {
  id: number;
  url: string;
  html_url: string;
  title: string;
  name: string;
  body: string;
  locale: string;
  source_locale: string;
  author_id: number;
  section_id: number;
  draft: boolean;
  promoted: boolean;
  position: number;
  vote_sum: number;
  vote_count: number;
  comments_disabled: boolean;
  outdated: boolean;
  label_names: string[];
  /** `null`: visible to everyone; otherwise only to signed-in users of that segment (agents here). */
  user_segment_id: number | null;
  created_at: string;
  updated_at: string;
  edited_at: string;
}

/** One webhook delivery attempt, as exposed by `emulator.webhookDeliveries`. */
export interface WebhookDeliveryRecord {
  webhookId: string;
  eventId: string;
  invocationId: string;
  eventType: string;
  status: number | "error";
  attempt: number;
  at: Date;
}

/** One HTTP request received by the emulator, as exposed by `emulator.requests`. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  at: Date;
}
