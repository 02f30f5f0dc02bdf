// AWS list prices, us-east-1, on-demand, no free tier, as published on the services' pricing
// pages (checked 2026-12-07; README "What a quiet farm costs" cites them). The fleet benchmark
// multiplies counted operations by these; change a price here and every figure follows.
export const LIST_PRICES = {
  /** Lambda, arm64: per request and per GB-second. */
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  /** DynamoDB on-demand (since the November 2024 cut): per read and write request unit. */
  dynamoRru: 0.125 / 1e6,
  dynamoWru: 0.625 / 1e6,
  /** KMS: per request (Decrypt). */
  kmsRequest: 0.03 / 1e4,
  /** EventBridge Scheduler: per invocation; EventBridge custom events: per event published. */
  schedulerInvocation: 1 / 1e6,
  eventBridgeEvent: 1 / 1e6,
  /** SQS standard queue: per request (up to 64 KB; a batch of ten is one request). */
  sqsRequest: 0.4 / 1e6,
  /** CloudWatch Logs: per GB ingested (standard class). */
  logsGb: 0.5,
  /** API Gateway HTTP API: per request (first 300 M). */
  httpApiRequest: 1 / 1e6,
  /** API Gateway WebSocket: per message (first 1 B, billed in 32 KB units) and per connection-minute. */
  webSocketMessage: 1 / 1e6,
  webSocketConnectionMinute: 0.25 / 1e6,
  /** AWS IoT Core: per connection-minute and per message (5 KB units); MQTT PINGREQ/PINGRESP are free. */
  iotConnectionMinute: 0.08 / 1e6,
  iotMessage: 1 / 1e6,
} as const;

export const MINUTES_PER_MONTH = 30 * 24 * 60;

export const PRICE_SOURCES =
  'us-east-1 list prices: Lambda arm64 $0.20/M requests + $0.0000133334/GB-s; DynamoDB on-demand $0.125/M RRU, $0.625/M WRU; ' +
  'KMS $0.03/10k requests; EventBridge Scheduler $1.00/M invocations; EventBridge $1.00/M events; SQS $0.40/M requests; CloudWatch Logs $0.50/GB; ' +
  'API Gateway HTTP $1.00/M requests, WebSocket $1.00/M messages + $0.25/M connection-minutes; IoT Core $0.08/M connection-minutes + $1.00/M messages';

export const usd = (x: number) => `$${x < 0.01 ? x.toFixed(4) : x.toFixed(3)}`;
