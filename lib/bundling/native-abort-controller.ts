/**
 * Stands in for the `abort-controller` polyfill grammY loads on Node. Node's own classes behave the same,
 * and node-fetch accepts their signals because their class is named `AbortSignal` even in a minified
 * bundle, which the polyfill's is not (the reason the bundles once needed esbuild's `keepNames`).
 */
export const AbortController = globalThis.AbortController;
export const AbortSignal = globalThis.AbortSignal;
export default AbortController;
