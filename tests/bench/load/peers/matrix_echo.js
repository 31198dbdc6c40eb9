// The peer for Matrix: a matrix-bot-sdk application service that echoes every message back to
// its room. PORT, HOMESERVER_URL, AS_TOKEN, HS_TOKEN come from the environment.
const { Appservice, MemoryStorageProvider } = require("matrix-bot-sdk");

const appservice = new Appservice({
  port: Number(process.env.PORT),
  bindAddress: "127.0.0.1",
  homeserverName: "bench",
  homeserverUrl: process.env.HOMESERVER_URL,
  storage: new MemoryStorageProvider(),
  registration: {
    id: "echo",
    as_token: process.env.AS_TOKEN,
    hs_token: process.env.HS_TOKEN,
    sender_localpart: "echo",
    namespaces: { users: [{ exclusive: true, regex: "@echo.*:bench" }], rooms: [], aliases: [] },
    rate_limited: false,
  },
});

appservice.on("room.message", (roomId, event) => {
  if (!event.content || event.sender === appservice.botUserId) return;
  appservice.botClient.sendText(roomId, event.content.body).catch((e) => console.error("send failed", e.message));
});

appservice.begin().then(() => console.log(`listening on ${process.env.PORT}`));
