// amazon-connect-chatjs, configured once per region for this page: its requests go to the server that served the
// page, its own logger is off, and read/delivered receipts go through its queue.
import "amazon-connect-chatjs";

let configured = "";
export function chatjs(region: string): any {
  const connect = (globalThis as any).connect;
  if (configured !== region) {
    // Receipts go through chatjs's own queue (read wins over delivered, one call per throttle window).
    connect.ChatSession.setGlobalConfig({
      region,
      endpoint: location.origin,
      loggerConfig: { useDefaultLogger: false },
      features: { messageReceipts: { shouldSendMessageReceipts: true, throttleTime: 1000 } },
    });
    configured = region;
  }
  return connect.ChatSession;
}
