/**
 * The SDK's logger middleware: after every call it runs the answer (and the request) through the
 * service's sensitive-data filter to hand them to `logger.info` — also when nothing logs, since the
 * default logger's `info` is a no-op that is still called. On a 500-store league read that walk was 8 %
 * of the function's CPU. SDK calls are never logged here (our own log lines are Powertools'), so every
 * client goes without it. A DynamoDBDocumentClient shares its client's stack: removing it once covers both.
 */
export function withoutSdkLogging<C extends { middlewareStack: { remove(name: string): boolean } }>(client: C): C {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
