// A small SQS-compatible endpoint for the local runtime and tests (README "The sandbox clouds"):
// queues with visibility timeouts and the approximate counts a scaling rule reads, over both
// protocols SQS clients speak (AWS JSON 1.0 for @aws-sdk/client-sqs, query for the aws CLI).
export { SANDBOX_SQS_ACCOUNT, SANDBOX_SQS_REGION, SqsError, SqsQueues } from './queues';
export { SqsSandbox } from './server';
