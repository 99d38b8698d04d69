// A loopback proxy to the test database that reads the frontend protocol: every Query ('Q') or Sync ('S') message
// ends a round trip (the client then waits for ReadyForQuery), and each simple query's text is kept, in order.
// `rewrite` may change a simple query's text on its way (same length in bytes: the message's length is kept).
import { createServer, Socket, type AddressInfo } from "node:net";
import { PostgresStore } from "../../src/storage/postgres/PostgresStore.js";

export interface WireProxy {
  port: number;
  /** Round trips so far. */
  count: () => number;
  /** The simple queries' texts so far. */
  texts: string[];
  close: () => void;
}

export async function countingProxy(opts: { rewrite?: (text: string) => string } = {}): Promise<WireProxy> {
  let roundTrips = 0;
  const texts: string[] = [];
  const server = createServer((client) => {
    const upstream = new Socket().connect(5432, "127.0.0.1");
    let buf = Buffer.alloc(0);
    let started = false;
    client.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      // Whole messages are forwarded as they are read; a partial one waits for the rest.
      for (;;) {
        if (!started) {
          if (buf.length < 4) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          upstream.write(buf.subarray(0, len));
          buf = buf.subarray(len);
          started = true;
          continue;
        }
        if (buf.length < 5) break;
        const len = buf.readInt32BE(1);
        if (buf.length < 1 + len) break;
        let message = buf.subarray(0, 1 + len);
        const type = String.fromCharCode(buf[0]);
        if (type === "Q" || type === "S") roundTrips++;
        if (type === "Q") {
          const text = buf.subarray(5, len).toString("utf8"); // the text, without its NUL
          texts.push(text);
          const changed = opts.rewrite?.(text);
          if (changed !== undefined && changed !== text) {
            const body = Buffer.from(changed, "utf8");
            if (body.length !== len - 5) throw new Error("rewrite must keep the text's length in bytes");
            message = Buffer.concat([buf.subarray(0, 5), body, Buffer.from([0])]);
          }
        }
        upstream.write(message);
        buf = buf.subarray(1 + len);
      }
    });
    upstream.pipe(client);
    for (const s of [client, upstream]) s.on("error", () => undefined);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { port: (server.address() as AddressInfo).port, count: () => roundTrips, texts, close: () => server.close() };
}

/** A store on `dbUrl` whose connections (at most `poolMax`) go through a proxy of their own. */
export async function storeThroughProxy(dbUrl: string, poolMax: number, opts: Parameters<typeof countingProxy>[0] = {}) {
  const proxy = await countingProxy(opts);
  const url = Object.assign(new URL(dbUrl), { port: String(proxy.port) });
  url.searchParams.set("pool_max", String(poolMax));
  const store = await PostgresStore.open(url.toString());
  return { store, proxy, close: async () => (await store.close(), proxy.close()) };
}
