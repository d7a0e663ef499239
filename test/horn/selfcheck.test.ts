import { selfcheckTest } from '../support/selfcheck.ts';

selfcheckTest('horn', '1,2,3');
