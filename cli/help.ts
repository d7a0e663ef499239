// Help texts, kept apart so `--help` imports nothing heavy.

export const MAIN_HELP = `callrec — conformance checks and a stateful mock for video-call recording APIs

Usage: callrec <command> [options]

Commands:
  run        run the conformance checks against a target (or the built-in mock)
  mock       serve the stateful mock of an API
  checks     list an API's checks
  selfcheck  prove every check can fail: clean mock passes, each named fault is caught
  verify     verify a target against the API's Pact contracts

Run 'callrec <command> --help' for a command's options.
Exit codes: 0 all passed (not-applicable rules and, unless strict, deviations from callrec decisions allowed)
            · 1 a documented rule failed, a check errored, a documented operation is not implemented,
              or a deviation under --strict-decisions · 2 bad usage, bad config, unknown API or check, target unreachable.
`;

export const HELP: Record<string, string> = {
  run: `Usage: callrec run [--api NAME|all] [options]

Runs the API's checks. Without --target, starts the built-in mock (frozen clock, free port).

  --api NAME|all           API to check (e.g. openvidu-meet); without --target the default is
                           all, every API against its own built-in mock, one after another
  --target URL, --url URL  target origin or base URL (e.g. https://meet.example.com/api/v1)
  --api-key KEY            API key (else apiKey in --config, else $CALLREC_API_KEY)
  -H 'Name: value'         extra header on every authenticated request (repeatable)
  --config FILE            target config, JSON or YAML (rooms, tokens, receiver, writes)
  --seed N                 seed for generated data (default: random, printed)
  --checks IDS|all         comma-separated check ids or id prefixes (default all)
  --exclude-checks IDS     checks to leave out
  --max-examples N         generated examples per property (default 25)
  --max-failures N         stop after N failed checks (the rest are reported as not run)
  --shard k/n              run the k-th of n stable slices of the checks
  --report FORMATS         files to write: junit,json,html (default all; 'none' for none)
  --report-dir DIR         where report files go (default reports)
  --timeout MS             per-request timeout (default 10000)
  --max-body BYTES         read at most this much of a response body (default 64 MiB); a larger
                           body is a failure naming its size (also maxBodyBytes in --config)
  --strict-decisions       a rule that rests only on a callrec decision (x-callrec-decisions) fails
                           the run when broken; without it such a deviation is reported and the
                           exit code ignores it (runs against a callrec mock are always strict)
  --control-token TOKEN    the token a \`callrec mock\` on a network address printed (or was given);
                           else $CALLREC_CONTROL_TOKEN. A loopback mock needs none
`,
  mock: `Usage: callrec mock --api NAME [options]

  --api NAME        API to mock (e.g. openvidu-meet)
  --host HOST       interface to listen on (default 127.0.0.1: this machine only). On any other
                    address the control API and the dashboard need a token, printed at start
  --control-token T that token (at least 8 characters; else $CALLREC_CONTROL_TOKEN, else a random
                    one on a network address, none on loopback)
  --port N          port (default 4010; 0 = any free port)
  --seed N          seed of the initial data set (default 1)
  --fault NAME      switch on a named fault (repeatable)
  --list-faults     list the API's faults and the checks each one trips
  --frozen-clock    time moves only through POST /__callrec/clock

Prints the API's base URL (http://localhost:PORT/…: use localhost in your page's URL too, or
cookies such as Nextcloud's session are lost), the dev credentials and the dashboard's URL
(/__callrec/ui: rooms, recordings, clock, faults, request journal, webhook deliveries).
`,
  checks: `Usage: callrec checks --api NAME

Lists the API's checks: id, title, needs and the decision a check rests on.
`,
  selfcheck: `Usage: callrec selfcheck --api NAME [options]

  --api NAME          API to self-check
  --seeds LIST        comma-separated seeds (default 1,2,3)
  --max-examples N    generated examples per property (default 25)
  --report-dir DIR    where <api>-selfcheck.json goes (default reports)
  --without-control   meet the mock as a real server: the suites see no /__callrec/; the control
                      API is used only out of band (seed the config's data, switch the fault).
                      Ends with 'fault recall without control: D/I' (I: the faults whose checks
                      could run there) and 'false failures: N'
  --clock-rate N      without control: the mock's clock runs N times faster than wall time
  --matrix            also run every fault against every check (first seed): prints which checks
                      trip which faults and how many faults one check alone catches; the matrix
                      goes into the JSON report too
`,
  verify: `Usage: callrec verify --api NAME --target URL [--api-key K] [-H 'Name: value']… [--state-url URL] [--pact-dir DIR]

Replays the API's Pact contracts against the target; provider states go to --state-url.
--api-key and -H replace the pacts' dev credentials with yours in every interaction that sends them.
`,
};
