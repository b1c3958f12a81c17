import { App, type AppProps, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { BridgeStack } from "./bridge-stack.js";
import { readBridgeContext } from "./context.js";
// The functions parse config/*.json as they load. Parsing it here as well makes a broken file fail
// `cdk synth`, naming the file and the setting, instead of every invocation after the deploy.
import "../src/config/intake-form.js";
import "../src/config/routing-config.js";
import "../src/config/sla-config.js";

/**
 * The bridge app: one stack, named by the `stackName` context key, checked by cdk-nag's
 * AWS Solutions pack. cdk-nag 3 runs as a validation plugin, so unacknowledged findings
 * end up in the synth output and in cdk.out/validation-report.json.
 */
export const createBridgeApp = (props?: AppProps): { app: App; stack: BridgeStack } => {
  const app = new App(props);
  const config = readBridgeContext(app.node);
  const stack = new BridgeStack(app, config.stackName, {
    config,
    description: "Telegram <-> Zendesk support bridge",
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
};
