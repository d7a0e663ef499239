import { selfcheckTest } from '../support/selfcheck.ts';

selfcheckTest('nextcloud-talk', '1,2,3');
