// Stands in for @matrix-org/matrix-sdk-crypto-nodejs, whose install script downloads a native
// binary (no download is possible here). The echo bot never encrypts, so nothing in it is used:
// every name resolves to an inert function, enough for matrix-bot-sdk to load.
const inert = new Proxy(function () {}, { get: (_, name) => (name === "then" ? undefined : inert) });
module.exports = new Proxy({}, { get: (_, name) => (name === "__esModule" ? false : inert) });
