// test-process: own (the self-check CLI runs for 5-15 s; alone, it runs beside the others)
import { selfcheckTest } from '../support/selfcheck.ts';

selfcheckTest('eyeson', '1,2');
