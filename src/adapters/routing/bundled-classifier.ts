import model from "../../../models/router.json" with { type: "json" };
import { createClassifier, type RoutingClassifier } from "../../domain/routing/classifier.js";
import type { RoutingModel } from "../../domain/routing/model-format.js";

let classifier: RoutingClassifier | undefined;

/** The trained router shipped with the code (models/router.json, built by `npm run routing:train`). */
export function bundledClassifier(): RoutingClassifier {
  classifier ??= createClassifier(model as unknown as RoutingModel);
  return classifier;
}
