// Bundles import `http` through this file so that Node's `require` loads it rather than an ESM import.
// On Node 24 an ESM import builds the module's namespace, which reads `http.WebSocket` and so loads all
// of undici: about 45 ms of every cold start for nothing (docs/performance.md).
module.exports = process.getBuiltinModule("node:http");
