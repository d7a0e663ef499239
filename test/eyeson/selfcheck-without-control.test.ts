import { selfcheckWithoutControlTest } from '../support/selfcheck.ts';

selfcheckWithoutControlTest('eyeson', '1');
