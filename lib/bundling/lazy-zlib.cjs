// Bundles import `zlib` through this file, which loads Node's zlib on first use. Only node-fetch imports it
// in our bundles, to inflate compressed answers, and the Bot API clients ask for none (create-bot.ts); loaded
// at import it was 6-15 million instructions of every cold start (docs/performance.md). Every member of
// the real module is reached through the proxy, so any other importer sees zlib as it is.
let zlib;
const load = () => {
  zlib ??= process.getBuiltinModule("node:zlib");
  return zlib;
};
module.exports = new Proxy(
  {},
  {
    get: (_, key) => load()[key],
    has: (_, key) => key in load(),
  },
);
