import type { StreamingRoute } from './api-front';
import { handle as exportResponsesCsv } from '../src/exports/get-responses-csv';

/**
 * The routes that stream (in AWS each is a function with a Function URL in RESPONSE_STREAM mode,
 * serverless.yml), served locally by the API front with the very handle the Lambda runs.
 * test/insight-export.test.ts checks this list against serverless.yml.
 */
export const STREAMING_ROUTES: StreamingRoute[] = [{ method: 'GET', path: '/v1/exports/responses.csv', handle: exportResponsesCsv }];
