import { ZResponsesExportQuery } from '@xinsheng/shared';
import { parseWith } from '../lib/http';
import { streamingLambdaHandler, type StreamingHandle } from '../lib/streaming';
import { authenticateStaff } from '../staff/staff-auth';
import { openResponsesExport } from './responses-csv';

/**
 * GET /v1/exports/responses.csv?from=&to=&region=&store=&staff=&touchpoint= — streamed: in AWS
 * through a Function URL in RESPONSE_STREAM mode, locally through functions/local/api-front.ts.
 */
export const handle: StreamingHandle = async (event) => {
  const now = new Date();
  const staff = await authenticateStaff(event, now);
  const query = parseWith(event.queryStringParameters ?? {}, ZResponsesExportQuery, ['query']);
  const { period, chunks } = await openResponsesExport(staff, query, now);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="responses-${period.from}-${period.to}.csv"`,
      'cache-control': 'no-store',
    },
    body: chunks,
  };
};

export const handler = streamingLambdaHandler(handle);
