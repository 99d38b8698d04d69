// A seeded random walk over arrivals, status changes, accepts, rejects, agents leaving, chats ending, ACW ends and
// time passing, on one or several nodes (stores on one database), checking the matcher's invariants after every
// step and, once matching settled, that no chat waits while an agent who could take it is Available with a free slot.
import type { World, WorldSpec } from "./routing-world.js";

/** mulberry32: a small seeded generator, so a failing walk can be replayed from its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PROPERTY_SPEC: WorldSpec = {
  queues: [{ name: "A" }, { name: "B" }, { name: "C", maxContacts: 3 }],
  profiles: [
    { name: "AB", chat: 2, queues: [{ queue: "A", priority: 1 }, { queue: "B", priority: 2 }] },
    { name: "BC", chat: 1, queues: [{ queue: "B" }, { queue: "C" }] },
    { name: "Cdelay", chat: 3, queues: [{ queue: "C", delay: 5 }] },
  ],
  agents: [
    { name: "a1", profile: "AB", autoAccept: true },
    { name: "a2", profile: "AB" },
    { name: "b1", profile: "BC" },
    { name: "b2", profile: "BC", autoAccept: true, acwSeconds: 0 },
    { name: "c1", profile: "Cdelay", acwSeconds: 10 },
  ],
  offerSeconds: 20,
  acwSeconds: 15,
};

/**
 * `steps` random actions spread over `worlds` (one per node; all share the database). Actions on a chat that has
 * moved on are refused by the domain (InvalidRequest); that is part of the walk, not a failure.
 */
export async function walk(worlds: World[], seed: number, steps: number): Promise<{ offers: number; accepted: number }> {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(r() * xs.length)] : undefined);
  const names = PROPERTY_SPEC.agents.map((a) => a.name);
  const tokens = new Map<string, string>();
  let offers = 0;
  let accepted = 0;
  const refusedOk = (e: unknown) => {
    if (!(e instanceof Error) || !/not offered|no after-contact work|not active|Access denied/.test(e.message)) throw e;
  };
  for (let i = 0; i < steps; i++) {
    const w = pick(worlds)!;
    const work = await w.work();
    const roll = r();
    if (roll < 0.25) await w.arrive(pick(["A", "B", "C"])!);
    else if (roll < 0.37) await w.status(pick(names)!, r() < 0.75 ? "Available" : "Offline");
    else if (roll < 0.52) {
      const o = pick(work.filter((x) => x.state === "OFFERED"));
      if (o) {
        const j = await w.accept(w.nameOf(o.userId)!, o.contactId).catch(refusedOk);
        if (j) {
          tokens.set(o.contactId, j.participantToken);
          accepted++;
        }
      }
    } else if (roll < 0.58) {
      const o = pick(work.filter((x) => x.state === "OFFERED"));
      if (o) await w.reject(w.nameOf(o.userId)!, o.contactId).catch(refusedOk);
    } else if (roll < 0.66) {
      const c = pick(work.filter((x) => x.state === "CONNECTED" && tokens.has(x.contactId)));
      if (c) await w.leave(tokens.get(c.contactId)!).catch(refusedOk);
    } else if (roll < 0.74) {
      const c = pick(work.filter((x) => x.state !== "ACW"));
      if (c) await w.end(c.contactId).catch(refusedOk);
    } else if (roll < 0.82) {
      const a = pick(work.filter((x) => x.state === "ACW"));
      if (a) await w.complete(w.nameOf(a.userId)!, a.contactId).catch(refusedOk);
    } else if (roll < 0.9) {
      const ms = Math.floor(r() * 25_000);
      for (const x of worlds) x.advance(ms);
    } else {
      // Matching on every node at once: the invariants must hold while passes race.
      await Promise.all(worlds.map((x) => x.settle()));
      offers += (await w.work()).filter((x) => x.state === "OFFERED").length;
      await w.check(false);
      await worlds[0].settle();
      await w.check(true);
      continue;
    }
    await w.check(false);
  }
  await Promise.all(worlds.map((x) => x.settle()));
  await worlds[0].settle();
  await worlds[0].check(true);
  return { offers, accepted };
}
