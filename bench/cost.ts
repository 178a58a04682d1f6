/**
 * What 1,000 invitations and 1,000 responses cost on AWS, from the figures measured before it:
 * capacity units per operation (pipeline: ReturnConsumedCapacity through the fault proxy) and handler
 * durations (cpu: the handler in its own process against DynamoDB Local), at us-east-1 list prices.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext, Figure } from './lib';

/** us-east-1 list prices (on-demand DynamoDB after the Nov 2024 cut; Lambda arm64; HTTP API first tier). */
export const PRICES = {
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  httpApiRequest: 1.0 / 1e6,
};

export const COST_ASSUMPTIONS = [
  'us-east-1 list prices: DynamoDB on-demand $0.625 per million write request units and $0.125 per million read request units; Lambda arm64 $0.0000133334 per GB-second and $0.20 per million requests; HTTP API $1.00 per million requests (first 300 million a month).',
  'Request units = the capacity units DynamoDB Local reports per operation (ReturnConsumedCapacity), summed over the whole request; on-demand bills the same units.',
  'Lambda duration = mean wall time of the handler against DynamoDB Local on this machine (in-process, warm), rounded up to the next ms, at the memory serverless.yml configures; cold starts, free tier, CloudWatch Logs and data transfer left out.',
  'Per invitation: one signed POST /v1/triggers (scheduled, subscribe channel). The dispatch run that sends it and the consumer opening the link (GET /v1/invitations/{token}) are not counted.',
  'Per response: one POST /v1/responses. The follow-up Lambda only runs for detractors (filtered stream event source; stream reads by Lambda are free) and is not counted; nor is the storage of the items.',
];

function memoryMb(): number {
  const yml = readFileSync(join(__dirname, '..', 'serverless.yml'), 'utf8');
  return Number(/^ {2}memorySize: (\d+)/m.exec(yml)?.[1] ?? 512);
}

export async function costSection(ctx: BenchContext): Promise<Figure[]> {
  const get = (key: string) => ctx.figures.find((f) => f.key === key)?.value;
  const gb = memoryMb() / 1024;
  const perThousand = (wcu?: number, rcu?: number, durationMs?: number) => {
    if (wcu === undefined || rcu === undefined || durationMs === undefined) return undefined;
    const one = wcu * PRICES.dynamoWriteRequestUnit + rcu * PRICES.dynamoReadRequestUnit
      + Math.ceil(durationMs) / 1000 * gb * PRICES.lambdaArmGbSecond + PRICES.lambdaRequest + PRICES.httpApiRequest;
    return 1000 * one;
  };
  const invitations = perThousand(get('trigger.wcu'), get('trigger.rcu'), get('trigger.duration'));
  const responses = perThousand(get('submit.wcu'), get('submit.rcu'), get('submit.duration'));
  const figures: Figure[] = [];
  if (invitations !== undefined) figures.push({ section: 'cost', metric: `per 1,000 invitations (trigger; Lambda ${memoryMb()} MB arm64, us-east-1; assumptions in latest.json)`, value: invitations * 1000, unit: 'milli-USD' });
  if (responses !== undefined) figures.push({ section: 'cost', metric: `per 1,000 responses (submit; Lambda ${memoryMb()} MB arm64, us-east-1)`, value: responses * 1000, unit: 'milli-USD' });
  if (!figures.length) console.error('bench: cost needs the pipeline section (capacity units, handler durations)');
  return figures;
}
