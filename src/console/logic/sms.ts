// The reply box's limit: 1024 characters per message on SMS chats, counted as the server counts them (code
// points, so an emoji is one character, not two UTF-16 units).

export const SMS_LIMIT = 1024;

export function replyLength(text: string): { length: number; over: boolean; near: boolean; sendable: boolean } {
  const length = [...text].length;
  const over = length > SMS_LIMIT;
  return { length, over, near: !over && length > SMS_LIMIT * 0.9, sendable: text.trim() !== "" && !over };
}
