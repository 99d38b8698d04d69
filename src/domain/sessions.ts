// Agents' sign-in sessions: the short-lived SigV4 credentials a user gets for a username and password (src/auth),
// scoped to that user and instance. The record carries the secret and token in the clear only on their way in and
// out of the store: adapters keep a hash of the token and the secret sealed under a key derived from the token
// (src/storage/session-seal.ts), so a copy of the database cannot sign requests.

/** "any": the operation on any resource of the instance; "self": only on the signed-in user (UserId = theirs). */
export type Grant = "any" | "self";

export interface AgentSession {
  /** ASIA… (AWS's prefix for temporary access keys). */
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  instanceId: string;
  userId: string;
  /** Operation name → grant, the union of the user's security profiles at sign-in. */
  grants: Record<string, Grant>;
  createdAt: number;
  expiresAt: number;
}

/** Sessions inside a transaction: revocation commits with the change that causes it (DeleteUser, PutUserStatus Offline). */
export interface SessionTx {
  insertSession(s: AgentSession): Promise<void>;
  /** Sign-out: ends the session if the token is its own; false when there was none. */
  deleteSession(accessKeyId: string, sessionToken: string): Promise<boolean>;
  /** Ends every session of the user; returns how many. */
  deleteUserSessions(userId: string): Promise<number>;
}
