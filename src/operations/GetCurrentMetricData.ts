// GetCurrentMetricData — real-time queue and agent counts (src/routing/current-metrics.ts). Knowingly differs from
// AWS: MetricId, routing-step, agent-status, subtype and validation-test filters and groupings are refused as not
// supported (this server keeps no such data); pages are recomputed per request within the token's snapshot time
// rather than served from a cache, so counts on a later page are as of that request.
import { readMetricRequest } from "../routing/metric-rules.js";
import type { Handler } from "./context.js";

export const GetCurrentMetricData: Handler<"GetCurrentMetricData"> = async (input, ctx) => {
  const I = input.InstanceId!;
  const req = readMetricRequest(input);
  const page = await ctx.tx(({ routing }) => routing.metrics.read(ctx.caller, I, req, { nextToken: input.NextToken, maxResults: input.MaxResults }));
  const arn = `arn:aws:connect:${ctx.region}:${ctx.caller.accountId}:instance/${I}`;
  return {
    MetricResults: page.rows.map((r) => ({
      Dimensions: {
        ...(r.queueId ? { Queue: { Id: r.queueId, Arn: `${arn}/queue/${r.queueId}` } } : {}),
        ...(r.channel ? { Channel: r.channel } : {}),
        ...(r.routingProfileId ? { RoutingProfile: { Id: r.routingProfileId, Arn: `${arn}/routing-profile/${r.routingProfileId}` } } : {}),
      },
      Collections: req.metrics.map((m, i) => ({ Metric: { Name: m.name, Unit: m.unit }, ...(r.values[i] === undefined ? {} : { Value: r.values[i] }) })),
    })),
    DataSnapshotTime: new Date(page.snapshotAt),
    ApproximateTotalCount: page.total,
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};
