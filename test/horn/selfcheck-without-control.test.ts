import { selfcheckWithoutControlTest } from '../support/selfcheck.ts';

selfcheckWithoutControlTest('horn', '1');
