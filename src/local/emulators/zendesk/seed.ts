import { createApiToken } from "./api-tokens.js";
import { addMembership, createGroup } from "./groups.js";
import { type ArticleSeed, createArticle } from "./help-center.js";
import type { EmulatorState } from "./state.js";
import { createTicketField } from "./ticket-fields.js";
import { createUser } from "./users.js";

export const DEFAULT_GROUPS = [
  "Logistics L1",
  "Billing",
  "Returns",
  "Orders",
  "Accounts",
  "Product",
  "Triage",
  "Escalations L2",
].map((name) => ({ name }));

const AGENT_NAMES = [
  "Alice Novak",
  "Boris Petrov",
  "Chloe Martin",
  "Dmitri Volkov",
  "Elena Sokolova",
  "Farid Haddad",
  "Grace Kim",
  "Hugo Lambert",
  "Irina Orlova",
  "James Carter",
  "Katya Smirnova",
  "Liam Murphy",
  "Maria Garcia",
  "Nikolai Fedorov",
  "Olivia Brown",
  "Pavel Kuznetsov",
];

export const DEFAULT_ARTICLES: ArticleSeed[] = [
  {
    locale: "en-us",
    title: "Where is my order? Tracking your delivery",
    body: "<p>Orders ship within 2 business days. Use the tracking number from your confirmation email to follow the delivery.</p><p>If the tracking status has not changed for 5 days, contact support with your order number.</p>",
  },
  {
    locale: "en-us",
    title: "How to return an item and get a refund",
    body: "<p>You can return most items within 30 days of delivery. Start a return from your account, print the label and drop the parcel off.</p><p>Refunds reach your original payment method within 5 to 10 business days after we receive the item.</p>",
  },
  {
    locale: "en-us",
    title: "Payment methods and failed payments",
    body: "<p>We accept cards, PayPal and bank transfer. A failed payment is usually declined by the bank: check the card details and the available balance, then try again.</p>",
  },
  {
    locale: "en-us",
    title: "Changing your account email or password",
    body: "<p>Open account settings to change your email or password. If you cannot sign in, use the password reset link on the login page.</p>",
  },
  {
    locale: "en-us",
    title: "Agents only: issuing a refund before the return arrives",
    body: "<p>Team leads may refund a return before the parcel arrives when tracking shows it was handed to the carrier.</p>",
    user_segment_id: 1,
  },
  {
    locale: "ru",
    title: "Где мой заказ? Отслеживание доставки",
    body: "<p>Заказы отправляются в течение 2 рабочих дней. Отслеживайте доставку по трек-номеру из письма с подтверждением заказа.</p><p>Если статус доставки не меняется 5 дней, напишите в поддержку и укажите номер заказа.</p>",
  },
  {
    locale: "ru",
    title: "Как вернуть товар и получить возврат денег",
    body: "<p>Большинство товаров можно вернуть в течение 30 дней после доставки. Оформите возврат в личном кабинете и отправьте посылку.</p><p>Деньги вернутся на карту за 5–10 рабочих дней после получения товара.</p>",
  },
  {
    locale: "ru",
    title: "Способы оплаты и ошибки при оплате",
    body: "<p>Мы принимаем банковские карты и переводы. Если оплата не прошла, проверьте данные карты и баланс, затем повторите оплату.</p>",
  },
];

/** System fields present in every account; custom fields are created through the API. */
const SYSTEM_FIELDS = [
  ["subject", "Subject"],
  ["description", "Description"],
  ["status", "Status"],
  ["tickettype", "Type"],
  ["priority", "Priority"],
  ["group", "Group"],
  ["assignee", "Assignee"],
] as const;

export interface SeedOptions {
  email: string;
  apiToken: string;
  groups: ReadonlyArray<{ id?: number; name: string }>;
  articles: readonly ArticleSeed[];
}

/**
 * Seeds the account: the admin the API credentials belong to, its first API token, the groups with two
 * agents each, the system ticket fields and the Help Center articles.
 */
export function seedAccount(state: EmulatorState, options: SeedOptions): void {
  const admin = createUser(state, { name: "Bridge Integration", email: options.email, role: "admin" });
  state.apiUserId = admin.id;
  createApiToken(state, options.apiToken, "Initial token");
  options.groups.forEach((seed, index) => {
    const group = createGroup(state, seed.name, seed.id);
    for (const offset of [0, 1]) {
      const name = AGENT_NAMES[(index * 2 + offset) % AGENT_NAMES.length] ?? `Agent ${index}`;
      const suffix = index * 2 + offset >= AGENT_NAMES.length ? `.${index}` : "";
      const email = `${name.toLowerCase().replace(/\s+/g, ".")}${suffix}@example.com`;
      const agent = createUser(state, { name, email, role: "agent" });
      addMembership(state, agent.id, group.id);
    }
  });
  for (const [type, title] of SYSTEM_FIELDS) createTicketField(state, { type, title }, false);
  for (const article of options.articles) createArticle(state, article);
}
