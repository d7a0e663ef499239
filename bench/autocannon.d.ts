// The slice of autocannon 9's programmatic API the bench uses (the package ships no types).
declare module 'autocannon' {
  /** One request as autocannon builds it; `setupRequest` may rewrite it before each send. */
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (req: Request, context: Record<string, unknown>) => Request | null;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number; // seconds
    pipelining?: number;
    headers?: Record<string, string>;
    method?: string;
    body?: string | Buffer;
    /** Sent in turn by every connection, each from the first. */
    requests?: Request[];
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    total: number;
  }
  interface Result {
    requests: Histogram & { sent: number };
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number; // seconds
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
