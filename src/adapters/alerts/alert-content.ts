import type { FrustrationSignal } from "../../domain/sla/frustration.js";
import { STEP_SEVERITY, type StepKind } from "../../domain/sla/policy.js";
import type { SlaAlert } from "../../ports/alerts.js";

/**
 * Names from the help desk as Slack text: `<`, `>` and `&` are Slack's control characters, so an agent named
 * "Sam <Lead>" would turn into a broken link and "<!channel>" would notify everyone.
 */
const slackText = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const TITLES: Record<StepKind, string> = {
  "first-response-warning": "First response due soon",
  "first-response-breach": "First response SLA breached",
  "resolution-warning": "Resolution due soon",
  "resolution-breach": "Resolution SLA breached",
  unassigned: "Priority ticket still unassigned",
  "customer-frustrated": "Customer frustrated",
};

/** How the step is named in alerts and in the ticket's escalation note. */
export const stepTitle = (step: StepKind): string => TITLES[step];

/**
 * What the manager should do, and what the bridge did, in words that hold for this ticket: who has it is
 * read from Zendesk as the alert goes out (unknown when Zendesk could not say).
 */
function nextSteps(step: StepKind, owner: SlaAlert["owner"]): string[] {
  const assignee = owner?.assignee === undefined ? undefined : slackText(owner.assignee);
  const group = owner?.group === undefined ? undefined : slackText(owner.group);
  // Where the ticket is now, as Zendesk says: the bridge moves it once at most, and a person may move it back.
  const kept =
    owner === undefined
      ? "moved to the escalation group only if it had no assignee"
      : assignee
        ? `it stays with ${assignee}`
        : `it is in ${group ?? "no group"} with nobody assigned`;
  // The priority Zendesk shows now, as the note on the ticket says it. A ticket urgent by now may have been
  // urgent before the step: the alert does not claim a change it cannot know of.
  const raised =
    owner?.priority === undefined
      ? "Escalated in Zendesk: priority up one step (urgent at most)"
      : owner.priority === "urgent"
        ? "In Zendesk: priority urgent, the highest"
        : `Escalated in Zendesk: priority ${owner.priority} now`;
  switch (step) {
    case "first-response-warning":
      return [
        assignee
          ? `Make sure ${assignee} answers the customer now`
          : "Make sure someone in the group picks it up now",
      ];
    case "first-response-breach":
      return [`${raised}; ${kept}`, "Answer the customer: the first public reply stops this clock"];
    case "resolution-warning":
      return ["Check what blocks the ticket and update the customer"];
    case "resolution-breach":
      return [`${raised}; ${kept}`, "Agree an owner and a next update for the customer"];
    case "unassigned":
      return [
        group ? `Assign an agent: the ticket is in ${group} now` : "Assign an agent",
        ...(owner?.priority === undefined ? [] : [raised]),
      ];
    case "customer-frustrated":
      return [
        `Tagged as frustrated in Zendesk; ${raised}`,
        "Reply to the customer personally: a public reply clears the flag",
      ];
  }
}

const SIGNALS: Record<FrustrationSignal, string> = {
  "repeated-messages": "several messages without a reply",
  "negative-wording": "strong negative wording",
  "repeated-complaint": "says they are asking again or still waiting",
  "all-caps": "writing in capitals",
};

/** Why a customer was flagged as frustrated, for a manager or an agent: "strong negative wording, …". */
export const signalsText = (signals: readonly FrustrationSignal[]): string =>
  signals.map((signal) => SIGNALS[signal]).join(", ");

export function waited(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Every step's title, most serious first: one ticket's steps due at one scan share one message. */
const titleOf = (alert: SlaAlert): string => alert.steps.map(stepTitle).join(" + ");

/** The category as Zendesk's field shows it (the customer's choice), and where the router sent it if elsewhere. */
const categoryText = ({ category, requestedCategory }: SlaAlert): string =>
  requestedCategory === undefined ? category : `${requestedCategory} (routed as ${category})`;

/** Who has the ticket, as ` · group · assignee name`; nothing when the help desk could not say. */
const ownerText = ({ owner }: SlaAlert): string =>
  owner
    ? ` · ${owner.group === undefined ? "no group" : slackText(owner.group)} · ${
        owner.assignee ? `assignee ${slackText(owner.assignee)}` : "unassigned"
      }`
    : "";

/** When working time runs out, on the tier's clock: it may be after a night or a weekend. */
function breachMoment(workingTime: SlaAlert["workingTime"]): string {
  if (workingTime?.breachAt === undefined) return "";
  const moment = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: workingTime.timeZone,
  }).format(workingTime.breachAt);
  return ` (${moment}, ${workingTime.timeZone})`;
}

/**
 * How long the ticket has waited and when it breaches, in working time on a business-hours tier (with the
 * moment on the tier's clock: "44 min" may be Monday morning).
 */
function timingText(alert: SlaAlert, breach: string): string {
  const working = alert.workingTime ? " of working time" : "";
  const breachIn =
    alert.breachInMinutes === undefined
      ? ""
      : ` · ${breach} in ${waited(alert.breachInMinutes)}${working}${breachMoment(alert.workingTime)}`;
  return `waiting ${waited(alert.waitedMinutes)}${working}${breachIn}`;
}

/** What a manager reads about one alert, shared by the Slack and SNS (Chatbot) formats. */
export function alertContent(alert: SlaAlert, ticketUrl: (id: number) => string) {
  const tier = alert.vip ? `${alert.tier} (VIP customer)` : alert.tier;
  const owner = ownerText(alert);
  const why = alert.frustrationSignals?.length ? ` · customer: ${signalsText(alert.frustrationSignals)}` : "";
  return {
    title: `${titleOf(alert)}: ticket #${alert.ticketId}`,
    description:
      `<${ticketUrl(alert.ticketId)}|Ticket #${alert.ticketId}> · ${categoryText(alert)} · tier ${tier}${owner} · ` +
      `${timingText(alert, "SLA breach")}${why}`,
    nextSteps: [...new Set(alert.steps.flatMap((step) => nextSteps(step, alert.owner)))],
  };
}

/**
 * Most serious step first, then VIP customers, then the longest wait, then the oldest ticket: the top of a
 * digest is where to start.
 */
function byUrgency(a: SlaAlert, b: SlaAlert): number {
  const rank = (alert: SlaAlert) => STEP_SEVERITY.indexOf(alert.steps[0] ?? "first-response-warning");
  // Equal waits in whole minutes: the older ticket (Zendesk numbers tickets in order) first.
  return (
    rank(a) - rank(b) ||
    Number(b.vip) - Number(a.vip) ||
    b.waitedMinutes - a.waitedMinutes ||
    a.ticketId - b.ticketId
  );
}

/**
 * Slack refuses a section whose text is over 3,000 characters (and Chatbot renders the description as one),
 * and a refused digest would be rebuilt and refused at every scan, holding back every alert behind it.
 */
const DESCRIPTION_LIMIT = 3_000;

/** As many lines as fit, most urgent first, and how many more there were. */
function fitted(lines: readonly string[]): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index - 1;
    // Room is kept for the "more" line unless this is the last one.
    const reserve = rest > 0 ? moreLine(rest).length + 1 : 0;
    if (length + line.length + 1 + reserve > DESCRIPTION_LIMIT) {
      kept.push(moreLine(lines.length - index));
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join("\n");
}

const moreLine = (count: number) => `…and ${count} more tickets in this scan`;

/** How a digest's title counts its alerts, by each alert's most serious step. */
const DIGEST_KIND: Record<StepKind, string> = {
  "first-response-breach": "breached",
  "resolution-breach": "breached",
  unassigned: "unassigned",
  "customer-frustrated": "frustrated customer",
  "first-response-warning": "due soon",
  "resolution-warning": "due soon",
};

/** "3 breached, 2 due soon", most serious kind first, so the title says what the lines cannot all show. */
function digestCounts(alerts: readonly SlaAlert[]): string {
  const counts = new Map<string, number>();
  for (const step of STEP_SEVERITY) {
    const count = alerts.filter((a) => a.steps[0] === step).length;
    const kind = DIGEST_KIND[step];
    if (count > 0) counts.set(kind, (counts.get(kind) ?? 0) + count);
  }
  return [...counts].map(([kind, count]) => `${count} ${kind}`).join(", ");
}

export function digestContent(alerts: readonly SlaAlert[], ticketUrl: (id: number) => string) {
  const lines = [...alerts].sort(byUrgency).map((a) => {
    const why = a.frustrationSignals?.length ? ` · customer: ${signalsText(a.frustrationSignals)}` : "";
    return (
      `• <${ticketUrl(a.ticketId)}|#${a.ticketId}> ${titleOf(a)} · ${categoryText(a)}${a.vip ? " · VIP" : ""} · ` +
      `${timingText(a, "breach")}${ownerText(a)}${why}`
    );
  });
  return {
    // Alerts of one scan; a scan after a pause (or a clock moved by hand) covers more than a minute.
    title: `${alerts.length} SLA alerts at once: ${digestCounts(alerts)}`,
    description: fitted(lines),
    nextSteps: ["Many tickets at once: check staffing and the escalation group's queue"],
  };
}
