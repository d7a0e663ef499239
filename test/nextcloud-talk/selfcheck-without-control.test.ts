import { selfcheckWithoutControlTest } from '../support/selfcheck.ts';

selfcheckWithoutControlTest('nextcloud-talk', '1');
