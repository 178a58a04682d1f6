import { createServer } from 'node:net';

/** Small helpers for tests that talk to the local stand-ins over real HTTP. */

/** A port nothing listens on right now (for a server to start on, or for "no answer at all"). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no TCP port'));
      server.close(() => resolve(address.port));
    });
  });
}

/** The rejection of a promise that must reject (fails the test when it resolves). */
export async function caught(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
