/**
 * Whether a write failed only because its condition did not hold (the state changed meanwhile, or
 * the item exists already): the caller answers that, anything else is rethrown.
 */
export const isConditionFailure = (error: unknown): boolean => error instanceof Error && error.name === 'ConditionalCheckFailedException';
