// The queue's public surface for the hub (src/app.ts) and the admin API.
export { JOB_KINDS, isJobKind, type JobKind, type JobPayloads, type JobInfo, type JobHandler, type JobHandlers } from './kinds.js';
export { enqueue, enqueueSql, type EnqueueOptions, type OutboxWriter } from './outbox.js';
export { JobDeferred, JobError } from './errors.js';
export { DEFAULT_RETRY_POLICY, classifyError, decide, type RetryPolicy, type Decision } from './retry-policy.js';
export { createQueueRunner, type QueueRunner, type QueueRunnerOptions, type BullmqOptions, type DeadJobInfo } from './runner.js';
export { listDeadJobs, retryDeadJob, type DeadJob } from './dead-letters.js';
