import type { Category } from "../routing/categories.js";

/**
 * The value of the "Request category" ticket field (config/routing.json `ticketFields.category`) for a
 * category: the tag of its drop-down option, which `zendesk:setup` creates. Zendesk adds an option's tag
 * to the ticket, and option tags share one namespace with every other drop-down and with the tags the
 * bridge sets itself (`category_<x>`, the customer's first choice; `routed_<x>`), so the prefix keeps them
 * apart: an agent who corrects the drop-down changes `request_category_<x>` and leaves the customer's
 * original choice on record.
 */
export const requestCategoryTag = (category: Category): string => `request_category_${category}`;
