import type { Template } from "aws-cdk-lib/assertions";

/** A CloudFormation resource as it appears in the synthesized template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly DependsOn?: string | string[];
}

export interface PolicyStatementJson {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
  readonly Principal?: unknown;
  readonly Sid?: string;
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const resourcesOfType = (template: Template, type: string): Record<string, CfnResource> =>
  template.findResources(type) as Record<string, CfnResource>;

/** The one resource of `type` matching `predicate`, with its logical ID. */
export const onlyResource = (
  template: Template,
  type: string,
  predicate: (resource: CfnResource) => boolean = () => true,
): [string, CfnResource] => {
  const matches = Object.entries(resourcesOfType(template, type)).filter(([, r]) => predicate(r));
  if (matches.length !== 1) throw new Error(`expected one ${type}, found ${matches.length}`);
  return matches[0] as [string, CfnResource];
};

/** The Lambda function whose POWERTOOLS_SERVICE_NAME is `service`. */
export const functionNamed = (template: Template, service: string): [string, CfnResource] =>
  onlyResource(
    template,
    "AWS::Lambda::Function",
    (r) => environmentOf(r).POWERTOOLS_SERVICE_NAME === service,
  );

export const environmentOf = (fn: CfnResource): Record<string, unknown> =>
  ((fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
    {}) as Record<string, unknown>;

/** Properties of a resource, `{}` when it has none. */
export const propsOf = (resource: CfnResource | undefined): Record<string, unknown> =>
  resource?.Properties ?? {};

/** Statements of a policy document property. */
export const statementsOf = (document: unknown): PolicyStatementJson[] =>
  (document as { Statement?: PolicyStatementJson[] } | undefined)?.Statement ?? [];

/** Logical ID of the role a function runs as. */
export const roleOf = (fn: CfnResource): string => referencedId(propsOf(fn).Role) ?? "";

/** Every statement of every AWS::IAM::Policy attached to `roleLogicalId`. */
export const statementsOfRole = (template: Template, roleLogicalId: string): PolicyStatementJson[] =>
  Object.values(resourcesOfType(template, "AWS::IAM::Policy"))
    .filter((p) => asArray(propsOf(p).Roles as unknown[]).some((r) => referencedId(r) === roleLogicalId))
    .flatMap((p) => statementsOf(propsOf(p).PolicyDocument));

/** Every identity-policy statement in the template: inline, attached and managed policies. */
export const allIdentityStatements = (template: Template): PolicyStatementJson[] => [
  ...Object.values(resourcesOfType(template, "AWS::IAM::Policy")).flatMap((p) =>
    statementsOf(propsOf(p).PolicyDocument),
  ),
  ...Object.values(resourcesOfType(template, "AWS::IAM::ManagedPolicy")).flatMap((p) =>
    statementsOf(propsOf(p).PolicyDocument),
  ),
  ...Object.values(resourcesOfType(template, "AWS::IAM::Role")).flatMap((r) =>
    asArray(propsOf(r).Policies as { PolicyDocument: unknown }[]).flatMap((p) =>
      statementsOf(p.PolicyDocument),
    ),
  ),
];

/** `{ Ref: id }` / `{ "Fn::GetAtt": [id, ...] }` → id, for comparing references. */
export const referencedId = (value: unknown): string | undefined => {
  if (typeof value !== "object" || value === null) return undefined;
  if ("Ref" in value) return String((value as { Ref: unknown }).Ref);
  if ("Fn::GetAtt" in value) return String((value as { "Fn::GetAtt": unknown[] })["Fn::GetAtt"][0]);
  return undefined;
};
