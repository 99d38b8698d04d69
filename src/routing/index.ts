// The routing room inside one transaction: one object per concern, made when an operation first uses it.
import type { RoutingEnv, RoutingTx } from "./ports.js";
import { CurrentData } from "./current.js";
import { CurrentMetrics } from "./current-metrics.js";
import { Profiles } from "./profiles.js";
import { Queues } from "./queues.js";
import { QuickConnects } from "./quick-connects.js";
import { QuickResponses } from "./quick-responses.js";
import { UserSearch } from "./search.js";
import { Statuses } from "./statuses.js";
import { Users } from "./users.js";

export class Routing {
  readonly queues: Queues;
  readonly profiles: Profiles;
  readonly users: Users;
  readonly search: UserSearch;
  readonly statuses: Statuses;
  readonly current: CurrentData;
  readonly metrics: CurrentMetrics;
  readonly quickConnects: QuickConnects;
  readonly quickResponses: QuickResponses;

  constructor(tx: RoutingTx, env: RoutingEnv) {
    this.queues = new Queues(tx, env);
    this.profiles = new Profiles(tx, env);
    this.users = new Users(tx, env);
    this.search = new UserSearch(tx, env);
    this.statuses = new Statuses(tx, env);
    this.current = new CurrentData(tx, env);
    this.metrics = new CurrentMetrics(tx, env);
    this.quickConnects = new QuickConnects(tx, env);
    this.quickResponses = new QuickResponses(tx, env);
  }
}
