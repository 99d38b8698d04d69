// A TCP proxy for cutting one node off its database while the others keep it (PostgreSQL outage tests).
import { createServer, Socket, type AddressInfo } from "node:net";

/** A loopback TCP proxy to the database whose link can be cut (every connection dropped and refused) and restored. */
export async function tcpProxy(target: number) {
  let down = false;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = new Socket().connect(target, "127.0.0.1");
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("error", () => undefined).on("close", () => open.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      down = true;
      for (const s of open) s.destroy();
    },
    restore: () => (down = false),
    close: () => server.close(),
  };
}
