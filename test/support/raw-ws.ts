// A WebSocket client on a raw TCP socket that can stop reading for real (the ws client resumes its socket by itself
// whenever its parser drains): the upgrade and the aws/subscribe frame by hand, then nothing is read until
// `resume`, which parses what arrived up to the server's close frame.
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

export interface Stalled {
  socket: Socket;
  /** Reads again; resolves with the number of data frames that had arrived and the close frame's code. */
  resume(): Promise<{ frames: number; closeCode?: number }>;
}

/** A masked client text frame (payload under 126 bytes). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const out = Buffer.alloc(6 + payload.length);
  out[0] = 0x81;
  out[1] = 0x80 | payload.length;
  mask.copy(out, 2);
  for (let i = 0; i < payload.length; i++) out[6 + i] = payload[i] ^ mask[i % 4];
  return out;
}

/** Opens `url` (ws://…), subscribes to aws/chat and stops reading. */
export async function stalledSocket(url: string): Promise<Stalled> {
  const u = new URL(url);
  const socket = connect(Number(u.port), u.hostname);
  socket.on("error", () => undefined);
  await new Promise<void>((ok, fail) => {
    socket.once("connect", ok);
    socket.once("error", fail);
  });
  const key = randomBytes(16).toString("base64");
  socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  let rest = Buffer.alloc(0);
  await new Promise<void>((ok, fail) => {
    const onData = (c: Buffer) => {
      rest = Buffer.concat([rest, c]);
      const end = rest.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.off("data", onData);
      socket.pause();
      const status = rest.subarray(0, rest.indexOf("\r\n")).toString();
      rest = rest.subarray(end + 4);
      if (status.startsWith("HTTP/1.1 101")) ok();
      else fail(new Error(`upgrade refused: ${status}`));
    };
    socket.on("data", onData);
  });
  socket.write(textFrame(JSON.stringify({ topic: "aws/subscribe", content: { topics: ["aws/chat"] } })));
  return {
    socket,
    resume: () =>
      new Promise((ok) => {
        let buf = rest;
        let frames = 0;
        const parse = () => {
          for (;;) {
            if (buf.length < 2) return;
            const op = buf[0] & 0x0f;
            let len = buf[1] & 0x7f;
            let at = 2;
            if (len === 126) {
              if (buf.length < 4) return;
              len = buf.readUInt16BE(2);
              at = 4;
            } else if (len === 127) {
              if (buf.length < 10) return;
              len = Number(buf.readBigUInt64BE(2));
              at = 10;
            }
            if (buf.length < at + len) return;
            const payload = buf.subarray(at, at + len);
            buf = buf.subarray(at + len);
            if (op === 0x8) {
              socket.destroy();
              return ok({ frames, closeCode: payload.length >= 2 ? payload.readUInt16BE(0) : undefined });
            }
            frames++;
          }
        };
        socket.on("data", (c: Buffer) => {
          buf = Buffer.concat([buf, c]);
          parse();
        });
        socket.once("close", () => ok({ frames }));
        socket.resume();
        parse();
      }),
  };
}
