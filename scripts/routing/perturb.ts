/** Deterministic noise for robustness measurements, shared with the training augmentation. */
export { addTypos, fragment } from "../../src/domain/routing/augmentation.js";
