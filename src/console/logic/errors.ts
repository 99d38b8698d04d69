// What a failed call means to the person at the console: wrong key, wrong secret, no access, server gone.

export interface Explained {
  kind: "auth" | "denied" | "network" | "notfound" | "throttled" | "other";
  title: string;
  detail: string;
}

export function explainError(e: unknown): Explained {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err?.name ?? "";
  const message = err?.message ?? String(e);
  switch (name) {
    case "UnrecognizedClientException":
      return { kind: "auth", title: "Unknown access key", detail: "This server does not know that access key ID. Check it for typos." };
    case "InvalidSignatureException":
      return { kind: "auth", title: "Wrong secret access key", detail: "The signature did not match: the secret is wrong, the region is wrong, or this computer's clock is more than 5 minutes off." };
    case "MissingAuthenticationTokenException":
      return { kind: "auth", title: "Not signed in", detail: message };
    case "AccessDeniedException":
      return { kind: "denied", title: "Not allowed", detail: message };
    case "ResourceNotFoundException":
      return { kind: "notfound", title: "Not found", detail: message };
    case "ThrottlingException":
    case "TooManyRequestsException":
      return { kind: "throttled", title: "Slow down", detail: "The server is rate-limiting this account; retrying shortly." };
    case "UnknownOperationException":
      return { kind: "other", title: "Not supported by this server", detail: message };
  }
  if (name === "TypeError" || /Failed to fetch|NetworkError|Load failed/i.test(message))
    return { kind: "network", title: "Cannot reach the server", detail: "The connect-chat server did not answer. Retrying…" };
  return { kind: "other", title: name || "Error", detail: message };
}

/**
 * chatjs's connect() failed because the participant token was refused (403 AccessDenied: the chat ended or the
 * participant left), not because the network failed. chatjs nests the cause ({_debug: {_debug: {type,
 * statusCode}}}) and its shape has changed between versions, so the whole error is searched.
 */
export function tokenRefused(e: unknown): boolean {
  let text: string;
  try {
    text = JSON.stringify(e) ?? String(e);
  } catch {
    text = String(e);
  }
  return /AccessDeniedException|ResourceNotFoundException|"(statusCode|httpStatusCode)":\s*403\b/.test(text);
}
