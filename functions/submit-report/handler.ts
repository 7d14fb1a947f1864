import { parseCode, parseYear } from '../../shared/app/common.ts';
import { submitReport } from '../../shared/app/reports.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';
import { METRIC, MetricUnit } from '../../shared/observability/telemetry.ts';

export const handler = httpHandler('submit-report', async ({ event, path, body, bodySource, principal, metrics }) => {
  const submitted = await submitReport({
    principal: principal!,
    year: parseYear(path.year),
    code: parseCode(path.association),
    body,
    source: bodySource ?? 'json',
    idempotencyKey: event.headers?.['idempotency-key'],
  });
  metrics.addMetric(METRIC.submissions, MetricUnit.Count, 1);
  if (submitted.late) metrics.addMetric(METRIC.lateSubmissions, MetricUnit.Count, 1);
  return json(200, submitted);
});
