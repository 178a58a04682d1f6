export * from './schemas/common';
export * from './schemas/survey';
export * from './schemas/answers';
export * from './schemas/api';
export * from './scoring';
export * from './contact-policy';
export * from './schemas/records';
export * from './follow-up';
