import type { Category } from "../domain/routing/categories.js";

/** An agent moved a bridge ticket to another team's group: a labelled example for retraining the router. */
export interface RoutingCorrection {
  /** The help desk event that reported the move; one correction per event. */
  readonly eventId: string;
  readonly ticketId: number;
  /** The customer's description, as the router saw it. */
  readonly text: string;
  /** The category the new group stands for. */
  readonly category: Category;
  readonly previousGroup: string | null;
  readonly newGroup: string;
  /** ISO-8601 UTC. */
  readonly correctedAt: string;
}

/** Where corrections are kept until they are exported for training. */
export interface RoutingCorrections {
  /** Stores the correction unless one with the same event id exists; true when it was new. */
  record(correction: RoutingCorrection): Promise<boolean>;
  /** Every stored correction, oldest first. */
  list(): AsyncIterable<RoutingCorrection>;
}
