import autocannon, { type RawRequest } from 'autocannon';

/**
 * One autocannon run on loopback: a closed loop of `connections` clients,
 * each sending its next request when the last one is answered. Ten clients
 * keep the single-threaded server busy all the time, so the rate is its
 * capacity and p99 includes the time requests wait in line.
 */
export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** A fresh body for every request (codes, switchboard call ids); called exactly once per request. */
  nextBody?: () => string;
  /** Seconds, unless `amount` is given. */
  duration?: number;
  /** Stop after this many requests (one-shot resources such as codes). */
  amount?: number;
  /** The status every request should get; anything else is counted and printed. */
  expectStatus: number;
}

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  /** Requests answered with another status than expected, plus connection errors. */
  unexpected: number;
}

export const CONNECTIONS = 10;
export const SECONDS = 5;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { nextBody } = options;
  // autocannon notices the end of an `amount` run only at its next one-second tick, so its duration is
  // rounded up to whole seconds; such runs are timed here, from the first request to the last answer.
  let firstRequest = Number.NaN;
  let lastAnswer = Number.NaN;
  const setupRequest = (request: RawRequest) => {
    if (Number.isNaN(firstRequest)) firstRequest = performance.now();
    return nextBody ? { ...request, body: nextBody() } : request;
  };
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body !== undefined && { body: options.body }),
    ...((nextBody || options.amount) && {
      requests: [{ setupRequest, onResponse: () => void (lastAnswer = performance.now()) }],
    }),
    connections: CONNECTIONS,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? SECONDS }),
  });
  const answered = Object.values(result.statusCodeStats).reduce((sum, { count }) => sum + Number(count), 0);
  const expected = Number(result.statusCodeStats[String(options.expectStatus)]?.count ?? 0);
  const seconds = options.amount ? (lastAnswer - firstRequest) / 1000 : result.duration;
  return {
    perSecond: answered / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: answered,
    unexpected: answered - expected + result.errors,
  };
}

/** A short run first, so the measured one starts with a warm JIT and warm connections. */
export async function warmThenRunLoad(options: LoadOptions): Promise<LoadResult> {
  await runLoad({ ...options, duration: 1, amount: undefined });
  return runLoad(options);
}
