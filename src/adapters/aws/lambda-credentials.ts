import { fromEnv } from "@aws-sdk/credential-provider-env";
import type { defaultProvider as sdkDefaultProvider } from "@aws-sdk/credential-provider-node";

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an alias in BRIDGE_BUNDLING).
 * Lambda gives every function its execution role's credentials in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
 * and AWS_SESSION_TOKEN, where the SDK's default chain finds them with its first link, `fromEnv`. The rest
 * of the chain (INI and SSO profiles, web identity, login, container and instance metadata, with the STS,
 * SSO and sign-in clients they bring) never runs on Lambda, yet it was 137 KiB of the intake bundle
 * (docs/performance.md). Outside a bundle nothing uses this: the local stack passes its own credentials.
 */
export const defaultProvider: typeof sdkDefaultProvider = (init = {}) => fromEnv(init);
