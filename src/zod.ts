import { config } from "zod/mini";
import english from "zod/v4/locales/en.js";

// zod/mini rather than classic zod: classic attaches every method to every schema as it is built, which
// cost the intake function about 90 KiB of bundle and a third of its cold init (docs/performance.md).
// Mini ships no messages of its own; English ones keep configuration errors readable.
config(english());

// Re-exported name by name (not as one namespace object) so bundles keep only what they use.
export * from "zod/mini";
