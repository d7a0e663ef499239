import { selfcheckTest } from '../support/selfcheck.ts';

selfcheckTest('eyeson', '1,2,3');
