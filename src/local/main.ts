/** `npm start`: the whole bridge on this machine. Settings come from the environment (README). */
async function main(): Promise<void> {
  // Imported here, not above: config/*.json is read and checked as these modules load, and a mistake there
  // should read as the one-line message it is, like a wrong environment variable, not as a crash.
  const { loadLocalConfig } = await import("../config/local-config.js");
  const { startLocalStack } = await import("../wiring/local.js");
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
