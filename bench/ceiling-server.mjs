// The ceiling: a bare node:http server, its own process, that reads and parses the JSON body and answers a
// fixed JSON. connect-chat's figures are divided by this server's, measured in the same run.
import { Buffer } from "node:buffer";
import { createServer } from "node:http";

const ANSWER = JSON.stringify({ InitialContactId: "00000000-0000-4000-8000-000000000000", NewChatCreated: false });
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    let status = 200;
    try {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      status = 400;
    }
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(ANSWER) });
    res.end(ANSWER);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`ceiling listening on http://127.0.0.1:${server.address().port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)) && server.closeAllConnections());
