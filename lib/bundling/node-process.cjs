// Bundles import `process` through this file: an ESM import of it builds a namespace of every property
// of `process`, reading its lazy getters, which cost about 10 ms of cold start on Node 24.
module.exports = process;
