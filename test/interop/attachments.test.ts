// Chat attachments through real clients only: amazon-connect-chatjs (sendAttachment / downloadAttachment) and
// @aws-sdk/client-connectparticipant, with the local store (this server's signed URLs) and with moto_server's S3.
import { test, after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { CreateParticipantCommand, StartChatContactCommand, StartContactStreamingCommand, type ConnectClient } from "@aws-sdk/client-connect";
import {
  CompleteAttachmentUploadCommand,
  CreateParticipantConnectionCommand,
  GetAttachmentCommand,
  GetTranscriptCommand,
  StartAttachmentUploadCommand,
  type ConnectParticipantClient,
} from "@aws-sdk/client-connectparticipant";
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { INSTANCE, startServer, testConfig, type Running } from "../support/server.js";
import { openSocket, participantClient } from "../support/participant.js";
import { chatSession, loadChatjs } from "../support/chatjs.js";
import { startMoto, topicWithQueue, type Moto } from "../support/moto.js";

/** A real 2×2 RGB PNG: signature, IHDR, IDAT (zlib), IEND, with CRCs. */
function png(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}
const PNG = png();
const run = promisify(execFile);

interface StoreUnderTest {
  name: string;
  config(): Record<string, unknown>;
  /** Names of the stored blobs (complete uploads only). */
  stored(): Promise<string[]>;
  setup(): Promise<void>;
  teardown(): Promise<void>;
}

const dir = mkdtempSync(join(tmpdir(), "cc-attach-"));
const localStore: StoreUnderTest = {
  name: "local directory",
  config: () => ({ attachments: { store: { dir, secret: "a-test-secret-of-16+" } } }),
  stored: async () => readdirSync(dir).filter((f) => !f.startsWith(".")),
  setup: async () => undefined,
  teardown: async () => rmSync(dir, { recursive: true, force: true }),
};
let moto: Moto;
let s3: S3Client;
const bucket = "chat-attachments";
const s3Store: StoreUnderTest = {
  name: "moto S3",
  config: () => ({ sns: { endpoint: moto.url }, attachments: { store: { s3: { bucket, endpoint: moto.url, region: "us-east-1" } } } }),
  stored: async () => ((await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key!),
  setup: async () => {
    moto = await startMoto();
    s3 = new S3Client({ endpoint: moto.url, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  },
  teardown: async () => {
    s3.destroy();
    await moto.stop();
  },
};

for (const store of [localStore, s3Store]) {
  describe(`attachments with the ${store.name}`, () => {
    let srv: Running;
    let connect: ConnectClient;
    let p: ConnectParticipantClient;
    let chatjs: any;
    before(async () => {
      await store.setup();
      srv = await startServer({ config: testConfig({ ...store.config(), attachments: { ...(store.config().attachments as object), maxBytes: 1000 } }) });
      connect = srv.connect();
      p = participantClient(srv.url);
      chatjs = await loadChatjs(srv.url);
      // chatjs caches one participant client per region: each suite's server gets a region of its own.
      chatjs.setRegionOverride(store === s3Store ? "us-west-2" : "us-east-1");
    });
    after(async () => {
      p.destroy();
      await srv.stop();
      await store.teardown();
    });

    async function webChat() {
      const s = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Customer" } }));
      const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: s.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }));
      return { ...s, token: c.ConnectionCredentials!.ConnectionToken! };
    }
    async function joinChat(contactId: string, role: "AGENT" | "CUSTOM_BOT") {
      const r = await connect.send(new CreateParticipantCommand({ InstanceId: INSTANCE, ContactId: contactId, ParticipantDetails: { ParticipantRole: role, DisplayName: role } }));
      const c = await p.send(new CreateParticipantConnectionCommand({ ParticipantToken: r.ParticipantCredentials!.ParticipantToken, Type: ["WEBSOCKET", "CONNECTION_CREDENTIALS"] }));
      return { token: c.ConnectionCredentials!.ConnectionToken!, ws: c.Websocket!.Url! };
    }
    /** StartAttachmentUpload, PUT with the given headers, CompleteAttachmentUpload: the SDK path. */
    async function upload(token: string, body: Buffer, ContentType = "image/png", declared = body.length) {
      const s = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: token, ContentType, AttachmentSizeInBytes: declared, AttachmentName: "scan.png" }));
      const put = await fetch(s.UploadMetadata!.Url!, { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body });
      return { id: s.AttachmentId!, put, complete: () => p.send(new CompleteAttachmentUploadCommand({ ConnectionToken: token, AttachmentIds: [s.AttachmentId!] })) };
    }
    const transcriptAttachments = async (token: string) =>
      (await p.send(new GetTranscriptCommand({ ConnectionToken: token, MaxResults: 100 }))).Transcript!.filter((i) => i.Type === "ATTACHMENT");

    test("a PNG sent with chatjs sendAttachment is pushed to the agent, listed by GetTranscript and downloads byte for byte", async () => {
      const chat = await connect.send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "Customer" } }));
      const agent = await joinChat(chat.ContactId!, "AGENT");
      const sock = await openSocket(agent.ws);
      const customer = chatSession(chatjs, chat.ContactId!, chat.ParticipantId!, chat.ParticipantToken!);
      await customer.s.connect();
      const file = new File([PNG], "pixel art.png", { type: "image/png" });
      await customer.s.sendAttachment({ attachment: file });
      const pushed = await sock.next((f) => f.item?.Type === "ATTACHMENT", 5000);
      const att = { ContentType: "image/png", AttachmentName: "pixel art.png", Status: "APPROVED" };
      assert.equal(pushed.item!.ContentType, "image/png");
      assert.equal(pushed.item!.ParticipantRole, "CUSTOMER");
      assert.deepEqual({ ...pushed.item!.Attachments[0], AttachmentId: undefined }, { ...att, AttachmentId: undefined });
      const id = pushed.item!.Attachments[0].AttachmentId as string;
      const listed = await transcriptAttachments(agent.token);
      assert.deepEqual(listed.map((i) => i.Attachments), [[{ ...att, AttachmentId: id }]]);
      assert.equal(listed[0].Id, pushed.item!.Id);
      // The customer's own session gets it too (chatjs shows it as sent).
      await customer.until((e) => e.kind === "message" && e.data?.Type === "ATTACHMENT", 5000);
      // The agent through the SDK: a pre-signed URL with the size; the customer through chatjs.
      const got = await p.send(new GetAttachmentCommand({ ConnectionToken: agent.token, AttachmentId: id, UrlExpiryInSeconds: 60 }));
      assert.equal(got.AttachmentSizeInBytes, PNG.length);
      const exp = Date.parse(got.UrlExpiry!) - srv.clock.now();
      assert.ok(exp > 50_000 && exp <= 60_000, String(exp));
      const r = await fetch(got.Url!);
      assert.equal(r.status, 200);
      assert.deepEqual(Buffer.from(await r.arrayBuffer()), PNG);
      const blob: Blob = await customer.s.downloadAttachment({ attachmentId: id });
      assert.deepEqual(Buffer.from(await blob.arrayBuffer()), PNG);
      assert.ok((await store.stored()).some((k) => k.endsWith(id)));
      sock.close();
    });

    test("too large, an unsupported type, a body other than declared: refused, and nothing approved or listed", async () => {
      const w = await webChat();
      const before = await store.stored();
      // At the limit is allowed; one byte past it is not.
      const atLimit = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: w.token, ContentType: "image/png", AttachmentSizeInBytes: 1000, AttachmentName: "max.png" }));
      assert.ok(atLimit.AttachmentId);
      await assert.rejects(
        p.send(new StartAttachmentUploadCommand({ ConnectionToken: w.token, ContentType: "image/png", AttachmentSizeInBytes: 1001, AttachmentName: "big.png" })),
        (e: any) => e.name === "ServiceQuotaExceededException" && /1000/.test(e.message),
      );
      await assert.rejects(
        p.send(new StartAttachmentUploadCommand({ ConnectionToken: w.token, ContentType: "application/x-msdownload", AttachmentSizeInBytes: 10, AttachmentName: "run.exe" })),
        (e: any) => e.name === "ValidationException" && /application\/x-msdownload/.test(e.message),
      );
      // Declared 10 bytes, sent the whole PNG: the local URL refuses the PUT; S3's upload is caught at completion.
      const over = await upload(w.token, PNG, "image/png", 10);
      if (store === localStore) assert.equal(over.put.status, 400);
      await assert.rejects(over.complete(), (e: any) => e.name === "ValidationException");
      // Never uploaded at all.
      const s = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: w.token, ContentType: "image/png", AttachmentSizeInBytes: 5, AttachmentName: "none.png" }));
      await assert.rejects(p.send(new CompleteAttachmentUploadCommand({ ConnectionToken: w.token, AttachmentIds: [s.AttachmentId!] })), (e: any) => e.name === "ValidationException" && /not been uploaded/.test(e.message));
      await assert.rejects(p.send(new GetAttachmentCommand({ ConnectionToken: w.token, AttachmentId: s.AttachmentId! })), (e: any) => e.name === "ValidationException");
      assert.deepEqual(await transcriptAttachments(w.token), []);
      if (store === localStore) assert.deepEqual(await store.stored(), before);
    });

    test("a CUSTOM_BOT may not read the customer's attachment; the agent may; a second completion is a conflict", async () => {
      const w = await webChat();
      const bot = await joinChat(w.ContactId!, "CUSTOM_BOT");
      const u = await upload(w.token, PNG);
      assert.equal(u.put.status, 200);
      await u.complete();
      await assert.rejects(u.complete(), (e: any) => e.name === "ConflictException");
      await assert.rejects(p.send(new GetAttachmentCommand({ ConnectionToken: bot.token, AttachmentId: u.id })), (e: any) => e.name === "AccessDeniedException" && e.$metadata.httpStatusCode === 403);
      // The bot's own attachment is readable by the customer.
      const mine = await upload(bot.token, PNG);
      await mine.complete();
      assert.equal((await p.send(new GetAttachmentCommand({ ConnectionToken: w.token, AttachmentId: mine.id }))).AttachmentSizeInBytes, PNG.length);
      // An agent joining disconnects the custom bot (as in Connect); the agent reads the customer's attachment.
      const agent = await joinChat(w.ContactId!, "AGENT");
      const got = await p.send(new GetAttachmentCommand({ ConnectionToken: agent.token, AttachmentId: u.id }));
      assert.equal(got.AttachmentSizeInBytes, PNG.length);
      // Another chat's participant cannot name it.
      const other = await webChat();
      await assert.rejects(p.send(new GetAttachmentCommand({ ConnectionToken: other.token, AttachmentId: u.id })), (e: any) => e.name === "ValidationException");
    });

    test("a repeated ClientToken returns the first AttachmentId and completes once", async () => {
      const w = await webChat();
      const start = () => p.send(new StartAttachmentUploadCommand({ ConnectionToken: w.token, ContentType: "text/plain", AttachmentSizeInBytes: 5, AttachmentName: "a.txt", ClientToken: "start-1" }));
      const [a, b] = [await start(), await start()];
      assert.equal(a.AttachmentId, b.AttachmentId);
      assert.equal((await fetch(b.UploadMetadata!.Url!, { method: "PUT", headers: b.UploadMetadata!.HeadersToInclude, body: "hello" })).status, 200);
      const complete = () => p.send(new CompleteAttachmentUploadCommand({ ConnectionToken: w.token, AttachmentIds: [a.AttachmentId!], ClientToken: "complete-1" }));
      await complete();
      await complete();
      assert.equal((await transcriptAttachments(w.token)).length, 1);
    });

    if (store === s3Store) {
      test("the ATTACHMENT item is streamed to the chat's SNS topic like any item", async () => {
        const topic = await topicWithQueue(moto, "attachments-stream");
        const w = await webChat();
        await connect.send(new StartContactStreamingCommand({ InstanceId: INSTANCE, ContactId: w.ContactId, ChatStreamingConfiguration: { StreamingEndpointArn: topic.arn }, ClientToken: "stream-1" }));
        const u = await upload(w.token, PNG);
        await u.complete();
        let got: any;
        for (let n = 1; n <= 5 && !got; n++) got = (await topic.take(n)).map((d) => d.body).find((b) => b.Type === "ATTACHMENT");
        assert.ok(got, "an ATTACHMENT notification");
        assert.deepEqual(got.Attachments, [{ ContentType: "image/png", AttachmentId: u.id, AttachmentName: "scan.png", Status: "APPROVED" }]);
        assert.equal(got.ContactId, w.ContactId);
      });
    }

    if (store === localStore) {
      test("a chunked upload past its declared size is cut off while streaming and leaves no file", async () => {
        const w = await webChat();
        const s = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: w.token, ContentType: "image/png", AttachmentSizeInBytes: 100, AttachmentName: "c.png" }));
        const chunks = [Buffer.alloc(64, 1), Buffer.alloc(64, 2), Buffer.alloc(64, 3)];
        const body = new ReadableStream({
          pull(c) {
            const next = chunks.shift();
            if (next) c.enqueue(next);
            else c.close();
          },
        });
        const r = await fetch(s.UploadMetadata!.Url!, { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body, duplex: "half" } as RequestInit);
        assert.equal(r.status, 400);
        assert.equal(r.headers.get("x-amzn-errortype"), "EntityTooLarge");
        assert.deepEqual(readdirSync(dir).filter((f) => f.includes(s.AttachmentId!)), []);
        await assert.rejects(p.send(new CompleteAttachmentUploadCommand({ ConnectionToken: w.token, AttachmentIds: [s.AttachmentId!] })), (e: any) => e.name === "ValidationException");
      });

      test("a 160 MiB upload streams to disk: the server's RSS grows by far less than the body (sent by curl)", async () => {
        const big = await startServer({ config: testConfig({ attachments: { store: { dir, secret: "a-test-secret-of-16+" }, maxBytes: 200 * 1024 * 1024 } }) });
        const pb = participantClient(big.url);
        try {
          const s0 = await big.connect().send(new StartChatContactCommand({ InstanceId: INSTANCE, ContactFlowId: "flow", ParticipantDetails: { DisplayName: "C" } }));
          const token = (await pb.send(new CreateParticipantConnectionCommand({ ParticipantToken: s0.ParticipantToken, Type: ["CONNECTION_CREDENTIALS"] }))).ConnectionCredentials!.ConnectionToken!;
          const size = 160 * 1024 * 1024;
          const s = await pb.send(new StartAttachmentUploadCommand({ ConnectionToken: token, ContentType: "video/mp4", AttachmentSizeInBytes: size, AttachmentName: "big.mp4" }));
          const rss = () => Number(readFileSync("/proc/self/statm", "utf8").split(" ")[1]) * 4096;
          // The body comes from curl, another process, out of a sparse file: only the server's memory is measured here.
          const file = join(dir, ".big-body");
          writeFileSync(file, "");
          truncateSync(file, size);
          const before = rss();
          let peak = before;
          const probe = setInterval(() => (peak = Math.max(peak, rss())), 5);
          const { stdout } = await run("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "PUT", "-H", "Content-Type: video/mp4", "-T", file, s.UploadMetadata!.Url!]);
          rmSync(file);
          clearInterval(probe);
          assert.equal(stdout, "200");
          if (process.env.ATTACH_RSS) console.log(`RSS growth ${((peak - before) / 1048576).toFixed(1)} MiB`);
          assert.ok(peak - before < 96 * 1024 * 1024, `RSS grew ${((peak - before) / 1048576).toFixed(1)} MiB for a 160 MiB body`);
          await pb.send(new CompleteAttachmentUploadCommand({ ConnectionToken: token, AttachmentIds: [s.AttachmentId!] }));
          assert.equal(statSync(join(dir, s.AttachmentId!)).size, size);
          rmSync(join(dir, s.AttachmentId!));
        } finally {
          pb.destroy();
          await big.stop();
        }
      });

      test("local signed URLs: a wrong Content-Type, a tampered or expired download URL and a second PUT are refused", async () => {
        const w = await webChat();
        const s = await p.send(new StartAttachmentUploadCommand({ ConnectionToken: w.token, ContentType: "image/png", AttachmentSizeInBytes: PNG.length, AttachmentName: "a.png" }));
        const url = s.UploadMetadata!.Url!;
        assert.equal((await fetch(url, { method: "PUT", headers: { "Content-Type": "image/jpeg" }, body: PNG })).status, 403);
        assert.equal((await fetch(url.replace(/size=\d+/, "size=99999"), { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body: PNG })).status, 403);
        assert.equal((await fetch(url, { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body: PNG })).status, 200);
        assert.equal((await fetch(url, { method: "PUT", headers: s.UploadMetadata!.HeadersToInclude, body: PNG })).status, 403);
        await p.send(new CompleteAttachmentUploadCommand({ ConnectionToken: w.token, AttachmentIds: [s.AttachmentId!] }));
        const got = await p.send(new GetAttachmentCommand({ ConnectionToken: w.token, AttachmentId: s.AttachmentId!, UrlExpiryInSeconds: 5 }));
        const tampered = got.Url!.replace(/signature=([^&])/, (_m, c) => `signature=${c === "A" ? "B" : "A"}`);
        const r = await fetch(tampered);
        assert.equal(r.status, 403);
        assert.equal(r.headers.get("x-amzn-errortype"), "AccessDenied");
        assert.equal((await fetch(got.Url!.replace("GET", "PUT"), { method: "PUT", headers: { "Content-Type": "image/png" }, body: PNG })).status, 403, "a download URL does not upload");
        assert.equal((await fetch(got.Url!)).status, 200);
        srv.clock.advance(6000);
        assert.equal((await fetch(got.Url!)).status, 403);
      });
    }
  });
}
