import { parseCode, parseYear } from '../../shared/app/common.ts';
import { reviewReport } from '../../shared/app/reports.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';
import { METRIC, MetricUnit } from '../../shared/observability/telemetry.ts';

/** The metric of each decision a review can make, counted once the review is stored. */
const REVIEW_METRIC: Record<string, string> = { approve: METRIC.reviewsApproved, return: METRIC.reviewsReturned, reopen: METRIC.reviewsReopened };

export const handler = httpHandler('review-report', async ({ path, body, principal, metrics }) => {
  const reviewed = await reviewReport({ principal: principal!, year: parseYear(path.year), code: parseCode(path.association), body });
  // reviewReport validated the body: its decision is one of the three
  const metric = REVIEW_METRIC[String((body as { decision?: unknown }).decision)];
  if (metric) metrics.addMetric(metric, MetricUnit.Count, 1);
  return json(200, reviewed);
});
