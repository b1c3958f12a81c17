import type { Logger } from "@aws-lambda-powertools/logger";
import { safeError } from "../adapters/observability/safe-error.js";
import type { IntakeFeatureDeps } from "../adapters/telegram/intake-feature.js";
import { ZendeskHelpCenterSearch } from "../adapters/zendesk/help-center-search.js";
import { HELP_CENTER_SEARCH_TIMEOUT_MS } from "../config/constants.js";
import { helpCenterLocales, intakePolicy } from "../config/intake-form.js";
import { articleSuggestions } from "../domain/intake/suggest-articles.js";

/**
 * The intake form's Help Center articles: searched anonymously on the account's Help Center, failures
 * logged and counted but never in the customer's way, deflections logged and counted. Nothing when the
 * deployer switched the feature off.
 */
export function knowledgeBaseDeps(options: {
  zendeskUrl: string;
  logger: Logger;
  /** Adds one to a metric (Powertools on AWS). */
  count?: (metric: string) => void;
}): Pick<IntakeFeatureDeps, "findArticles" | "onDeflected"> {
  const { logger, count = () => undefined } = options;
  if (!intakePolicy.knowledgeBase.enabled) return {};
  const knowledgeBase = new ZendeskHelpCenterSearch({
    url: options.zendeskUrl,
    locales: helpCenterLocales,
    timeoutMs: HELP_CENTER_SEARCH_TIMEOUT_MS,
  });
  return {
    findArticles: articleSuggestions({
      knowledgeBase,
      maxArticles: intakePolicy.knowledgeBase.maxArticles,
      onFailure: (error) => {
        count("HelpCenterSearchFailures");
        logger.warn("help center search failed; the form goes on to the summary", {
          error: safeError(error),
        });
      },
    }),
    onDeflected: ({ requestId, locale, articles }) => {
      count("HelpCenterDeflections");
      logger.info("request deflected by help center articles", {
        requestId,
        locale,
        articles: articles.map((article) => article.url),
      });
    },
  };
}
