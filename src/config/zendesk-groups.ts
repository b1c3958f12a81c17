import { routingRules } from "./routing-config.js";
import { slaConfig } from "./sla-config.js";

/**
 * The Zendesk groups the bridge moves tickets to besides the category teams, by the setting that names each:
 * zendesk:setup checks the account has them, since a missing one makes every move there quietly do nothing.
 */
export function groupsNamedBySettings(): Record<string, string> {
  const { escalation, frustration } = slaConfig;
  return {
    "escalation.group in config/sla-policies.json": escalation.group,
    ...(frustration.group === undefined
      ? {}
      : { "frustration.group in config/sla-policies.json": frustration.group }),
    ...Object.fromEntries(
      Object.keys(routingRules.assignment).map((group) => [
        `assignment."${group}" in config/routing.json`,
        group,
      ]),
    ),
  };
}
