// What a handler gets: the caller and one transaction over the domain. With an Idempotency-Key (our extension)
// the transaction first looks for the key's earlier result and, on a repeat, returns it without running again.
import { IdempotencyException } from "../api/errors.js";
import type { Input, OperationName, Output } from "../api/operations.js";
import { Chats, type DomainEnv } from "../domain/chats.js";
import type { Store } from "../domain/ports.js";
import type { Caller } from "../domain/types.js";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface Ctx {
  caller: Caller;
  requestId: string;
  region: string;
  tx<T>(fn: (chats: Chats) => Promise<T>): Promise<T>;
}

export type Handler<N extends OperationName> = (input: Input<N>, ctx: Ctx) => Promise<Output<N>>;

export interface CtxDeps {
  store: Store;
  env: DomainEnv;
}

export function createCtx(
  deps: CtxDeps,
  operation: string,
  meta: { requestId: string; accountId?: string; idempotency?: { key: string; fingerprint: string } },
): Ctx {
  const caller: Caller = { accountId: meta.accountId ?? "" };
  const idem = meta.idempotency;
  return {
    caller,
    requestId: meta.requestId,
    region: deps.env.region,
    tx: (fn) =>
      deps.store.tx(async (tx) => {
        const chats = new Chats(tx, deps.env);
        if (!idem) return fn(chats);
        const now = deps.env.clock.now();
        const prior = await tx.idempotency(caller.accountId, operation, idem.key);
        if (prior && prior.expiresAt > now) {
          if (prior.fingerprint !== idem.fingerprint)
            throw new IdempotencyException(`Idempotency-Key '${idem.key}' was already used with a different request`);
          return JSON.parse(prior.result);
        }
        const result = await fn(chats);
        await tx.putIdempotency({
          accountId: caller.accountId,
          operation,
          key: idem.key,
          fingerprint: idem.fingerprint,
          result: JSON.stringify(result ?? null),
          createdAt: now,
          expiresAt: now + IDEMPOTENCY_TTL_MS,
        });
        return result;
      }),
  };
}
