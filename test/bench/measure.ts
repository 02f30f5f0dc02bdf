// Shared measuring for benchmarks: run N requests at a fixed concurrency, report latency
// percentiles and throughput. Benchmarks print figures; they assert nothing.
export interface Figures {
  name: string;
  count: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function measure(
  name: string,
  count: number,
  concurrency: number,
  op: (i: number, worker: number) => Promise<boolean>,
): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        const ok = await op(i, worker).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    name,
    count,
    concurrency,
    seconds,
    perSecond: count / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
  };
}

export function printFigures(rows: Figures[]): void {
  console.table(
    rows.map((r) => ({
      benchmark: r.name,
      requests: r.count,
      concurrency: r.concurrency,
      'req/s': Math.round(r.perSecond),
      'p50 ms': r.p50.toFixed(2),
      'p99 ms': r.p99.toFixed(2),
      errors: r.errors,
    })),
  );
}

export const invokedDirectly = (url: string) =>
  process.argv[1] !== undefined &&
  url.endsWith(process.argv[1].replace(/^.*\/test\/bench\//, '/test/bench/'));
