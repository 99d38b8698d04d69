// The SMS sends extension (http/sms-sends.ts) over the domain: a participant's token → its chat's sends or a Retry;
// an account's instance → its failed sends. Each call is one transaction; a Retry wakes the relay after its commit.
import { ResourceNotFoundException } from "../api/errors.js";
import { Journal, type DomainEnv } from "../domain/chat-base.js";
import { Participants, type Me } from "../domain/participants.js";
import type { Store, TxStore } from "../domain/ports.js";
import { SmsFailures } from "../domain/sms-failures.js";

export interface SmsSendsApiDeps {
  store: Store;
  env: DomainEnv;
  published: (journal: Journal) => void;
}

export class SmsSendsApi {
  constructor(private readonly deps: SmsSendsApiDeps) {}

  /** The agent's ConnectionToken (chatjs) or ParticipantToken (what the console keeps): either proves the chat. */
  private async me(tx: TxStore, token: string): Promise<Me> {
    const p = new Participants(tx, this.deps.env);
    return p.authenticate(token, "CONNECTION").catch(() => p.authenticate(token, "PARTICIPANT"));
  }

  /** The three calls, bound, as http/sms-sends.ts takes them. */
  handlers() {
    return { sends: (t: string) => this.sends(t), retry: (t: string, id: string | undefined) => this.retry(t, id), failures: (a: string, i: string, n: number) => this.failures(a, i, n) };
  }

  sends(token: string) {
    return this.deps.store.tx(async (tx) => new SmsFailures(tx, this.deps.env).sendsOf(await this.me(tx, token)));
  }

  async retry(token: string, messageId: string | undefined) {
    const journal = new Journal();
    const r = await this.deps.store.tx(async (tx) => new SmsFailures(tx, this.deps.env, journal).retry(await this.me(tx, token), messageId));
    this.deps.published(journal);
    return r;
  }

  failures(accountId: string, instanceId: string, limit: number) {
    if (!this.deps.env.directory.hasInstance(accountId, instanceId))
      throw new ResourceNotFoundException(`Instance '${instanceId}' was not found in account ${accountId}`);
    return this.deps.store.tx((tx) => new SmsFailures(tx, this.deps.env).failuresOf(instanceId, limit));
  }
}
