// Moved to functions/src/channels/wecom-robot.ts. Kept only until functions/src/followup/notify.ts
// (owned by the follow-up work) imports from there; then this file goes.
export * from '../channels/wecom-robot';
