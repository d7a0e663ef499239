// The suites from code: two of horn's checks against its built-in mock (pass `target` and `config` to
// judge your own server), a console report on stdout and JUnit XML in reports/.
import { runSuite } from 'callrec';

const { failed, summary } = await runSuite({ api: 'horn', checks: ['horn.errors', 'horn.auth'], reports: ['junit'], reportDir: 'reports' });
console.log(failed ? 'failed' : 'passed', `${summary.passed} checks passed`);
process.exitCode = failed ? 1 : 0;
