import * as z from "../zod.js";

/** A Help Center article offered to the customer during intake, before any ticket. */
export const suggestedArticleSchema = z.object({
  title: z.string().check(z.minLength(1)),
  url: z.url({ protocol: /^https?$/ }),
});
