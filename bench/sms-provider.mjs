// The SMS bench's provider: Twilio's Messages API on 127.0.0.1 (basic auth, form fields, 201 with a Message), in
// its own process, recording each accepted message's Body and arrival time (epoch ms, fractional). GET /arrivals
// hands them over (and forgets them). Prints "listening on http://127.0.0.1:PORT".
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";

const SID = process.argv[2] ?? "ACbench";
const TOKEN = process.argv[3] ?? "bench-token";
const auth = `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`;
const path = `/2010-04-01/Accounts/${SID}/Messages.json`;
let arrivals = [];
const now = () => performance.timeOrigin + performance.now();

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/arrivals") {
    const body = JSON.stringify(arrivals);
    arrivals = [];
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    return res.end(body);
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const at = now();
    if (req.method !== "POST" || req.url !== path || req.headers.authorization !== auth) {
      res.writeHead(401, { "content-type": "application/json" });
      return res.end(JSON.stringify({ code: 20003, message: "Authenticate", status: 401 }));
    }
    const f = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const sid = "SM" + randomBytes(16).toString("hex");
    arrivals.push([f.get("Body"), at]);
    const body = JSON.stringify({ sid, account_sid: SID, to: f.get("To"), from: f.get("From"), body: f.get("Body"), status: "queued", num_segments: "1" });
    res.writeHead(201, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
