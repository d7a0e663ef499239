// Pact's mock server runs in-process (Rust, through FFI) and may answer a request before it
// records the request as matched; executeTest asks for mismatches as soon as the consumer's
// code returns. On a loaded machine that race has reported a request the client did send, and
// got its answer to, as "expected but not received". Every consumer waits a moment first.
const SETTLE_MS = 25;

export const settlePactMockServer = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
