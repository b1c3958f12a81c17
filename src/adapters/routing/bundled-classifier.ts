import model from "../../../models/router.json" with { type: "json" };
import { createClassifier, type RoutingClassifier } from "../../domain/routing/classifier.js";
import { parseRoutingModel } from "../../domain/routing/model-validation.js";

let classifier: RoutingClassifier | undefined;

/** The trained router shipped with the code (models/router.json, built by `npm run routing:train`). */
export function bundledClassifier(): RoutingClassifier {
  classifier ??= createClassifier(parseRoutingModel(model));
  return classifier;
}
