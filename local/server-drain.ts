// Stopping an HTTP server without cutting the work it has started: new connections are refused,
// idle ones closed, and the requests already being answered are given a bounded time to finish
// before the remaining sockets are destroyed. A store stopped after this sees no request of the
// server still running (dynalite throws from a timer, uncaught, when its database closes under one).

import type { Server } from 'node:http';

export interface DrainableServer {
  /** Refuses new connections, waits for requests in progress (at most `graceMs`), then closes every socket. */
  drain(graceMs?: number): Promise<void>;
}

export function trackRequests(server: Server): DrainableServer {
  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.on('request', (_req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle?.();
    });
  });
  return {
    async drain(graceMs = 5_000) {
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((ok) => {
          const timer = setTimeout(ok, graceMs);
          idle = () => {
            clearTimeout(timer);
            ok();
          };
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
