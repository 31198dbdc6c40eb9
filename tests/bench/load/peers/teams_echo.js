// The peer for Teams: the standard Bot Framework echo bot (botbuilder's CloudAdapter behind
// express, as in Microsoft's samples), with authentication off. PORT: where it listens.
const express = require("express");
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require("botbuilder");

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}

const bot = new EchoBot();
const app = express();
app.use(express.json({ limit: "1mb" }));
app.post("/api/messages", (req, res) => adapter.process(req, res, (context) => bot.run(context)));
app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log(`listening on ${process.env.PORT}`));
