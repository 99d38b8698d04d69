// A loopback proxy to the test database that reads the frontend protocol: every Query ('Q') or Sync ('S') message
// ends a round trip (the client then waits for ReadyForQuery), and each simple query's text is kept, in order.
import { createServer, Socket, type AddressInfo } from "node:net";

export interface WireProxy {
  port: number;
  /** Round trips so far. */
  count: () => number;
  /** The simple queries' texts so far. */
  texts: string[];
  close: () => void;
}

export async function countingProxy(): Promise<WireProxy> {
  let roundTrips = 0;
  const texts: string[] = [];
  const server = createServer((client) => {
    const upstream = new Socket().connect(5432, "127.0.0.1");
    let buf = Buffer.alloc(0);
    let started = false;
    client.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        if (!started) {
          if (buf.length < 4) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          buf = buf.subarray(len);
          started = true;
          continue;
        }
        if (buf.length < 5) break;
        const len = buf.readInt32BE(1);
        if (buf.length < 1 + len) break;
        const type = String.fromCharCode(buf[0]);
        if (type === "Q" || type === "S") roundTrips++;
        if (type === "Q") texts.push(buf.subarray(5, len).toString("utf8")); // the text, without its NUL
        buf = buf.subarray(1 + len);
      }
      upstream.write(d);
    });
    upstream.pipe(client);
    for (const s of [client, upstream]) s.on("error", () => undefined);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { port: (server.address() as AddressInfo).port, count: () => roundTrips, texts, close: () => server.close() };
}
