// Users (agents) inside one transaction: CreateUser, DescribeUser, ListUsers, UpdateUserRoutingProfile,
// UpdateUserConfig, DeleteUser and PutUserStatus. A user's routing state (user_status) is written with the user:
// a new user is Offline, with the CHAT slots of its routing profile.
import { InvalidParameterException } from "../api/errors.js";
import type { Caller } from "../domain/types.js";
import { RoutingBase } from "./base.js";
import { slotsOf } from "./profiles.js";
import type { Channel, PerChannel, User, UserStatus } from "./types.js";

/** Connect's rule (the model's Password pattern): 8–64 characters, no spaces, a lower-case, an upper-case letter and a digit. */
export const PASSWORD = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[a-zA-Z\d\S]{8,64}$/;
/** Usernames of Connect-managed users: letters, digits and _ - . @ (the model bounds the length to 1–100). */
export const USERNAME = /^[a-zA-Z0-9_\-.@]+$/;

export interface UserConfig {
  autoAccept?: PerChannel<boolean>[];
  afterContactWork?: PerChannel<number>[];
  persistentConnection?: PerChannel<boolean>[];
}

export interface NewUser extends UserConfig {
  username: string;
  /** Plain password (checked, then hashed) or an already computed hash (YAML `passwordHash`). */
  password?: string;
  passwordHash?: string;
  routingProfileId: string;
  securityProfileIds: string[];
  identityInfo?: User["identityInfo"];
  phoneConfig?: User["phoneConfig"];
  directoryUserId?: string;
  hierarchyGroupId?: string;
  tags?: Record<string, string>;
}

export function checkPassword(password: string, field = "Password"): void {
  if (!PASSWORD.test(password))
    throw new InvalidParameterException(
      `${field} does not meet the requirements: 8 to 64 characters without spaces, with at least one lower-case letter, one upper-case letter and one digit`,
    );
}

/** Replaces the entries of the channels given, keeps the others. */
export const mergeChannels = <T>(old: PerChannel<T>[], given: PerChannel<T>[] | undefined): PerChannel<T>[] =>
  given ? [...old.filter((o) => !given.some((g) => g.channel === o.channel)), ...given] : old;

export const channelValue = <T>(list: PerChannel<T>[], channel: Channel): T | undefined => list.find((e) => e.channel === channel)?.value;

export class Users extends RoutingBase {
  async create(caller: Caller, instanceId: string, u: NewUser): Promise<User> {
    this.instance(caller, instanceId);
    if (!USERNAME.test(u.username)) throw new InvalidParameterException(`Username '${u.username}' may hold only letters, digits and _ - . @`);
    if (u.password === undefined && u.passwordHash === undefined && u.directoryUserId === undefined)
      throw new InvalidParameterException("Password is required for users of an instance that manages its own identities");
    if (u.password !== undefined) checkPassword(u.password);
    const profile = await this.must("routingProfile", caller, instanceId, u.routingProfileId, "RoutingProfileId");
    await this.checkSecurityProfiles(caller, instanceId, u.securityProfileIds);
    // Before a slow hash run here, so a duplicate costs no scrypt run (the unique index still decides a race).
    if (await this.tx.byName("user", caller.accountId, instanceId, u.username)) throw this.duplicate("user", u.username);
    // The API hashes before its transaction (CreateUser.ts); a plain password here is the seeding path's.
    const passwordHash = u.password !== undefined ? await this.env.passwords.hash(u.password) : u.passwordHash;
    const now = this.now();
    const phone = u.phoneConfig ?? { phoneType: "SOFT_PHONE", autoAccept: false, afterContactWorkTimeLimit: 0 };
    const user = await this.insertNew("user", {
      id: this.env.newId(),
      accountId: caller.accountId,
      instanceId,
      name: u.username,
      passwordHash,
      routingProfileId: u.routingProfileId,
      securityProfileIds: u.securityProfileIds,
      identityInfo: u.identityInfo,
      phoneConfig: phone,
      directoryUserId: u.directoryUserId,
      hierarchyGroupId: u.hierarchyGroupId,
      // PhoneConfig's AutoAccept and AfterContactWorkTimeLimit are VOICE's; AutoAcceptConfigs set any channel.
      autoAccept: mergeChannels([{ channel: "VOICE", value: phone.autoAccept ?? false }], u.autoAccept),
      afterContactWork: mergeChannels([{ channel: "VOICE", value: phone.afterContactWorkTimeLimit ?? 0 }], u.afterContactWork),
      persistentConnection: mergeChannels([], u.persistentConnection),
      tags: u.tags,
      updatedAt: now,
    });
    const offline = await this.builtInStatus(caller, instanceId, "OFFLINE");
    await this.tx.putUserStatus({
      userId: user.id,
      accountId: caller.accountId,
      instanceId,
      routingProfileId: profile.id,
      statusId: offline?.id ?? "",
      statusName: offline?.name ?? "Offline",
      statusType: "OFFLINE",
      statusSince: now,
      chatSlots: slotsOf(profile),
      chatBusy: 0,
      idleSince: now,
    });
    return user;
  }

  describe(caller: Caller, instanceId: string, userId: string): Promise<User> {
    return this.must("user", caller, instanceId, userId, "UserId");
  }

  list(caller: Caller, instanceId: string, nextToken?: string, maxResults?: number) {
    return this.page("user", caller, instanceId, nextToken, maxResults);
  }

  async setRoutingProfile(caller: Caller, instanceId: string, userId: string, routingProfileId: string): Promise<void> {
    const user = await this.must("user", caller, instanceId, userId, "UserId");
    const profile = await this.must("routingProfile", caller, instanceId, routingProfileId, "RoutingProfileId");
    await this.save("user", { ...user, routingProfileId });
    const st = await this.tx.userStatus(userId);
    if (st) await this.tx.putUserStatus({ ...st, routingProfileId, chatSlots: slotsOf(profile) });
  }

  async setConfig(caller: Caller, instanceId: string, userId: string, c: UserConfig): Promise<void> {
    const user = await this.must("user", caller, instanceId, userId, "UserId");
    const autoAccept = mergeChannels(user.autoAccept, c.autoAccept);
    const afterContactWork = mergeChannels(user.afterContactWork, c.afterContactWork);
    // PhoneConfig shows VOICE's values, as DescribeUser has them after an UpdateUserConfig.
    const phoneConfig = {
      ...user.phoneConfig,
      autoAccept: channelValue(autoAccept, "VOICE") ?? user.phoneConfig.autoAccept,
      afterContactWorkTimeLimit: channelValue(afterContactWork, "VOICE") ?? user.phoneConfig.afterContactWorkTimeLimit,
    };
    await this.save("user", { ...user, autoAccept, afterContactWork, persistentConnection: mergeChannels(user.persistentConnection, c.persistentConnection), phoneConfig });
  }

  async delete(caller: Caller, instanceId: string, userId: string): Promise<void> {
    await this.must("user", caller, instanceId, userId, "UserId");
    await this.tx.delete("user", caller.accountId, instanceId, userId);
  }

  /** PutUserStatus: becoming ROUTABLE from another type starts the agent's idle time (who waited longest goes first). */
  async putStatus(caller: Caller, instanceId: string, userId: string, agentStatusId: string): Promise<UserStatus> {
    const user = await this.must("user", caller, instanceId, userId, "UserId");
    const status = await this.must("agentStatus", caller, instanceId, agentStatusId, "AgentStatusId");
    if (status.state !== "ENABLED") throw new InvalidParameterException(`Agent status '${status.name}' is disabled`);
    const now = this.now();
    const old = await this.tx.userStatus(userId);
    const profile = await this.tx.get("routingProfile", caller.accountId, instanceId, user.routingProfileId);
    const next: UserStatus = {
      userId,
      accountId: caller.accountId,
      instanceId,
      routingProfileId: user.routingProfileId,
      chatSlots: profile ? slotsOf(profile) : 0,
      chatBusy: old?.chatBusy ?? 0,
      idleSince: old?.statusType === "ROUTABLE" ? old.idleSince : now,
      statusId: status.id,
      statusName: status.name,
      statusType: status.type,
      statusSince: old?.statusId === status.id ? old.statusSince : now,
    };
    await this.tx.putUserStatus(next);
    return next;
  }

  private async checkSecurityProfiles(caller: Caller, instanceId: string, ids: string[]) {
    for (const [i, id] of ids.entries()) await this.must("securityProfile", caller, instanceId, id, `SecurityProfileIds[${i}]`);
  }

  private async builtInStatus(caller: Caller, instanceId: string, type: "OFFLINE" | "ROUTABLE") {
    const name = type === "OFFLINE" ? "Offline" : "Available";
    const s = await this.tx.byName("agentStatus", caller.accountId, instanceId, name);
    return s?.type === type ? s : undefined;
  }
}
