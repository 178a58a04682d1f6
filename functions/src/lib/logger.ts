import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs; quiet locally unless LOG_LEVEL says otherwise. */
export const logger = new Logger({ serviceName: 'xinsheng', logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'WARN' });
