// kill -9 of the real server (the built binary) after an agent's SMS reply was committed and while its send to the
// provider is in flight: after a restart on the same database the reply goes out, once, and the chat's later
// replies follow it in order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient } from "@aws-sdk/client-connect";
import { KEY, REGION } from "../support/server.js";
import { fakeTwilio, TWILIO_SID, TWILIO_TOKEN } from "../support/sms-providers.js";
import { inbound, joinAs, NUMBER, smsConfig } from "../support/sms.js";
import { serve, writeConfig } from "./process.js";

test("kill -9 between the commit of an agent's SMS reply and the provider's answer: after restart it is sent, once, before the chat's next reply", async () => {
  const twilio = await fakeTwilio();
  const dir = mkdtempSync(join(tmpdir(), "cc-sms-kill9-"));
  // A short lease: the claim the killed process held runs out soon after the restart.
  const config = smsConfig(
    { provider: "twilio", twilio: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, baseUrl: twilio.url } },
    { streaming: { baseDelayMs: 20, maxDelayMs: 200, pollMs: 50, leaseMs: 500 } },
  );
  const args = ["--config", writeConfig(dir, config), "--database-url", `sqlite:${join(dir, "db.sqlite")}`];
  const clientOf = (url: string) => new ConnectClient({ endpoint: url, region: REGION, credentials: { ...KEY }, maxAttempts: 1 });
  try {
    const first = await serve(args);
    const connect = clientOf(first.url);
    const customer = "+14155550999";
    const chat = await inbound(connect, customer, "where is my parcel?");
    const agent = await joinAs(first.url, connect, chat.InitialContactId!);
    twilio.mode = { kind: "hang" };
    await agent.say("It is on its way");
    await twilio.waitAttempts(1); // the send is in flight: the reply was committed and claimed
    first.child.kill("SIGKILL");
    assert.equal((await first.exited).signal, "SIGKILL");
    agent.close();
    connect.destroy();
    assert.equal(twilio.sent.length, 0, "the provider never answered the killed process");

    twilio.mode = { kind: "ok" };
    const second = await serve(args);
    const again = clientOf(second.url);
    // A second agent (a custom bot cannot join beside an agent, as in Connect).
    const bot = await joinAs(second.url, again, chat.InitialContactId!, "AGENT");
    await bot.say("Anything else?");
    const sent = await twilio.waitSent(2);
    assert.deepEqual(sent.map((s) => [s.fields.From, s.fields.To, s.fields.Body]), [
      [NUMBER, customer, "It is on its way"],
      [NUMBER, customer, "Anything else?"],
    ]);
    bot.close();
    again.destroy();
    second.child.kill("SIGTERM");
    await second.exited;
    assert.equal(twilio.sent.length, 2);
  } finally {
    await twilio.close();
  }
});
