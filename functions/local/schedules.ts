import { handler as dispatch } from '../src/dispatch/send-due-invitations';
import { handler as escalate } from '../src/followup/escalate-overdue';
import { logger } from '../src/lib/logger';
import { handler as erase } from '../src/privacy/erase';

/** What EventBridge does in AWS: runs each scheduled function on its rate, with a scheduled event. */
export function startSchedules(): { stop(): Promise<void> } {
  const jobs: { name: string; everyMs: number; run: (event: { time: string }) => Promise<unknown> }[] = [
    { name: 'dispatch', everyMs: 60_000, run: (event) => dispatch(event) },
    { name: 'escalate', everyMs: 60_000, run: (event) => escalate(event) },
    { name: 'privacy-erasure', everyMs: 60_000, run: () => erase(undefined) },
  ];
  let busy = new Set<string>();
  const tick = (job: (typeof jobs)[number]) => {
    if (busy.has(job.name)) return;
    busy.add(job.name);
    job
      .run({ time: new Date().toISOString() })
      .catch((error) => logger.error(`scheduled ${job.name} failed`, { error }))
      .finally(() => busy.delete(job.name));
  };
  const timers = jobs.map((job) => {
    tick(job);
    return setInterval(() => tick(job), job.everyMs);
  });
  return {
    stop: async () => {
      timers.forEach(clearInterval);
      busy = new Set();
    },
  };
}
