// What one idle agent's channel costs a month, from what an idle agent was counted doing in an
// hour (idle-agent.ts) and the list prices (list-prices.ts), on the two transports issue 13
// compares. Each line is named, so the benchmark prints where the money goes.
//
// API Gateway WebSocket: every minute connected is billed; a connection silent for 10 minutes is
// closed, and none lasts over 2 hours (its quotas), so an idle agent sends keep-alives (billed
// messages) and reconnects 12 times a day: a $connect and a $disconnect Lambda (each a put or a
// delete of the connection item) and the catch-up fetch of its tasks over the HTTP API.
// AWS IoT Core (MQTT over WebSocket, a custom authorizer Lambda checking the server token):
// connection-minutes are cheaper, MQTT PINGREQ keep-alives are not billed, and a connection
// lasts until the authorizer's disconnectAfterInSeconds (at most 24 hours): one reconnect a day,
// billed as its CONNECT and SUBSCRIBE messages, the authorizer Lambda and the catch-up fetch.
import type { IdleAgentHour } from './idle-agent';
import { MINUTES_PER_MONTH, LIST_PRICES as P } from './list-prices';

const HOURS = MINUTES_PER_MONTH / 60;
/** A small Lambda invocation (the $connect handler, the authorizer, an agent API call): 30 ms at 512 MB. */
const SMALL_LAMBDA = P.lambdaRequest + 0.03 * 0.5 * P.lambdaGbSecondArm;
/** One agent request over the HTTP API: its Lambda and an eventually consistent read. */
const HTTP_REQUEST = P.httpApiRequest + SMALL_LAMBDA + 0.5 * P.dynamoRru;
/** API Gateway WebSocket's quotas: idle timeout and connection duration. */
export const WEBSOCKET_IDLE_MINUTES = 10;
const WEBSOCKET_MAX_HOURS = 2;

export interface ChannelMonth {
  lines: [string, number][];
  total: number;
}

const month = (lines: [string, number][]): ChannelMonth => ({
  lines,
  total: lines.reduce((n, [, x]) => n + x, 0),
});

/** On API Gateway WebSocket, with the keep-alives the agent was counted sending. */
export function webSocketMonth(
  hour: Pick<IdleAgentHour, 'heartbeatsPerHour' | 'requestsPerHour'>,
): ChannelMonth {
  const reconnects = HOURS / WEBSOCKET_MAX_HOURS;
  return month([
    ['connection-minutes', MINUTES_PER_MONTH * P.webSocketConnectionMinute],
    ['keep-alives', hour.heartbeatsPerHour * HOURS * P.webSocketMessage],
    [
      'reconnects every 2 h',
      reconnects * (P.webSocketMessage + 2 * (SMALL_LAMBDA + P.dynamoWru) + HTTP_REQUEST),
    ],
    ['HTTPS requests', hour.requestsPerHour * HOURS * HTTP_REQUEST],
  ]);
}

/** The least API Gateway allows: one keep-alive per idle timeout, nothing else sent. */
export function webSocketFloorMonth(): ChannelMonth {
  const perConnection = Math.ceil((WEBSOCKET_MAX_HOURS * 60) / WEBSOCKET_IDLE_MINUTES) - 1;
  return webSocketMonth({ heartbeatsPerHour: perConnection / WEBSOCKET_MAX_HOURS, requestsPerHour: 0 });
}

/** On IoT Core: MQTT keep-alives free, one reconnect a day. */
export function iotCoreMonth(hour: Pick<IdleAgentHour, 'requestsPerHour'>): ChannelMonth {
  const reconnects = HOURS / 24;
  return month([
    ['connection-minutes', MINUTES_PER_MONTH * P.iotConnectionMinute],
    ['reconnects every 24 h', reconnects * (2 * P.iotMessage + SMALL_LAMBDA + HTTP_REQUEST)],
    ['HTTPS requests', hour.requestsPerHour * HOURS * HTTP_REQUEST],
  ]);
}
