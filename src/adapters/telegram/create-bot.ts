import { autoRetry } from "@grammyjs/auto-retry";
import { Api, Bot, BotError, GrammyError } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { DeliveryOutcome } from "../../domain/process-once.js";
import { lazy } from "../../lazy.js";
import { type Clock, systemClock } from "../../ports/clock.js";
import type { HeldMessages } from "../../ports/held-messages.js";
import type { TopicLinks } from "../../ports/ticket-links.js";
import { leadingCommand } from "./bot-commands.js";
import type { BridgeContext } from "./bot-context.js";
import { chatPacing, realScheduler, type Scheduler } from "./chat-pacing.js";
import { commandsFeature } from "./commands-feature.js";
import { followUpOrOffer, ticketChoiceFeature } from "./follow-up.js";
import { type ForgetFeatureDeps, forgetFeature } from "./forget-feature.js";
import { forumTopicsFeature } from "./forum-topics-feature.js";
import { pickLocale } from "./i18n.js";
import { type IntakeFeatureDeps, intakeFeature } from "./intake-feature.js";
import { ticketFeedbackFeature } from "./ticket-feedback-feature.js";

export interface TelegramClientSettings {
  token: string;
  apiRoot: string;
  /** Known bot identity; without it the first update costs one getMe call. */
  botInfo?: UserFromGetMe;
  /** Time for per-chat pacing; real time unless a test or the local stack moves its own clock. */
  pacing?: { clock: Clock; scheduler: Scheduler };
}

export interface IntakeBot {
  readonly bot: Bot<BridgeContext>;
  /** Learns the bot's identity (getMe) once per container; a failure is retried by the next call. */
  ready(): Promise<void>;
  /** Runs one update through the bot; "duplicate" when the chat had handled it already. */
  handle(update: Update): Promise<DeliveryOutcome>;
}

const CLIENT_TIMEOUT_SECONDS = 8;

/**
 * Asks Telegram for uncompressed answers. They are small JSON, and inflating them would load Node's zlib
 * into every container, which the bundles otherwise load only on first use (lib/bundling/lazy-zlib.cjs).
 */
const UNCOMPRESSED = { compress: false } as const;

/**
 * Messages are paced per chat before they leave; 429 retry_after and transient 5xx are then retried in
 * place, capped so a Lambda never waits long. The pacer is installed first so that every retry is paced too.
 */
function installDeliveryPolicy(api: Api, settings: TelegramClientSettings): void {
  const { clock, scheduler } = settings.pacing ?? { clock: systemClock, scheduler: realScheduler };
  api.config.use(chatPacing(clock, scheduler));
  // Network failures are rethrown: the plugin would retry them forever, past a Lambda's timeout; the update or
  // event is redelivered instead.
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 5, rethrowHttpErrors: true }));
}

/** A Bot API client for sending outside of an update (the routing function's messages). */
export function createTelegramApi(settings: TelegramClientSettings): Api {
  const api = new Api(settings.token, {
    apiRoot: settings.apiRoot,
    timeoutSeconds: CLIENT_TIMEOUT_SECONDS,
    baseFetchConfig: UNCOMPRESSED,
  });
  installDeliveryPolicy(api, settings);
  return api;
}

export function createTelegramBot(settings: TelegramClientSettings): Bot<BridgeContext> {
  const bot = new Bot<BridgeContext>(settings.token, {
    botInfo: settings.botInfo,
    // Webhook calls must be answered quickly; a stuck Telegram call should fail, not hold the update.
    client: {
      apiRoot: settings.apiRoot,
      timeoutSeconds: CLIENT_TIMEOUT_SECONDS,
      baseFetchConfig: UNCOMPRESSED,
    },
  });
  installDeliveryPolicy(bot.api, settings);
  return bot;
}

export interface IntakeBotOptions {
  /** Told when Telegram refused a call for good (4xx other than 429) and the update was dropped. */
  onRefused?: (error: GrammyError) => void;
  /** Given the bot's identity when getMe had to be asked for it (no `botInfo` in the settings). */
  onIdentityLearned?: (identity: UserFromGetMe) => Promise<void>;
}

/** The id of the bot a token belongs to: the part before the colon (`123456:ABC...`). */
export const botIdOf = (token: string): number => Number(token.split(":")[0]);

/** `known` if it is the identity of `token`'s bot; a token for another bot makes getMe ask again. */
export const identityFor = (token: string, known: UserFromGetMe | undefined): UserFromGetMe | undefined =>
  known?.id === botIdOf(token) ? known : undefined;

/**
 * Phone keyboards capitalise the first letter ("/Status"); Telegram's command menu sends lower case, and the
 * handlers match that. The command itself is read in lower case; a bot name after "@" stays as written.
 */
function lowerCaseCommand(ctx: BridgeContext, next: () => Promise<void>): Promise<void> {
  const message = ctx.message;
  const command = leadingCommand(message);
  if (message?.text && command) {
    const [name = "", bot] = message.text.slice(0, command.length).split("@");
    const lowered = `${name.toLowerCase()}${bot === undefined ? "" : `@${bot}`}`;
    message.text = lowered + message.text.slice(command.length);
  }
  return next();
}

export function createIntakeBot(
  settings: TelegramClientSettings,
  deps: Omit<IntakeFeatureDeps, "outsideForm"> &
    Partial<Pick<IntakeFeatureDeps, "outsideForm">> & { held: HeldMessages; topics: TopicLinks } & Omit<
      ForgetFeatureDeps,
      "store"
    >,
  options: IntakeBotOptions = {},
): IntakeBot {
  const bot = createTelegramBot(settings);
  const outcomes = new Map<number, DeliveryOutcome>();
  bot.use(async (ctx, next) => {
    ctx.outcome = "processed";
    ctx.locale = pickLocale(undefined, ctx.from?.language_code);
    await next();
    outcomes.set(ctx.update.update_id, ctx.outcome);
  });
  bot.use(lowerCaseCommand);
  // Before the commands feature, whose catch-all answers any button it does not know.
  bot.use(forgetFeature(deps));
  bot.use(intakeFeature({ outsideForm: followUpOrOffer(deps), ...deps }));
  bot.use(ticketChoiceFeature(deps));
  bot.use(ticketFeedbackFeature(deps));
  bot.use(forumTopicsFeature(deps));
  bot.use(commandsFeature(deps.store, deps.policy));

  const ready = lazy(async () => {
    const learning = settings.botInfo === undefined;
    await bot.init();
    if (learning) await options.onIdentityLearned?.(bot.botInfo);
  });
  return {
    bot,
    ready,
    async handle(update) {
      await ready();
      try {
        await bot.handleUpdate(update);
        return outcomes.get(update.update_id) ?? "processed";
      } catch (error) {
        // Telegram refused for good (chat gone, bot blocked, bad request): a redelivery cannot fare better.
        const cause = error instanceof BotError ? error.error : error;
        if (cause instanceof GrammyError && (cause.error_code === 400 || cause.error_code === 403)) {
          options.onRefused?.(cause);
          return "processed";
        }
        throw error;
      } finally {
        outcomes.delete(update.update_id);
      }
    },
  };
}
