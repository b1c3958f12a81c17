import { loadLocalConfig } from "../config/local-config.js";
import { startLocalStack } from "../wiring/local.js";

/** `npm start`: the whole bridge on this machine. Settings come from the environment (README). */
async function main(): Promise<void> {
  const config = loadLocalConfig();
  const stack = await startLocalStack(config);
  const telegram = stack.telegram.describe();
  const zendesk = stack.zendesk.describe();
  process.stdout.write(
    [
      `Telegram-Zendesk bridge running at ${stack.url}`,
      `  Telegram: ${telegram.kind}${telegram.kind === "emulator" ? " (talk to the bot: npm run chat)" : ` (${telegram.mode})`}`,
      `  Zendesk:  ${zendesk.kind}${zendesk.agentConsole ? ` (agent console: ${zendesk.agentConsole})` : ""}`,
      `  Data:     ${config.dataDir}`,
      "",
    ].join("\n"),
  );
  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
