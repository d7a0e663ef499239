// test-process: own (mostly waits 25-45 s on the mock's running clock; alone, it waits beside the others)
import { selfcheckWithoutControlTest } from '../support/selfcheck.ts';

selfcheckWithoutControlTest('nextcloud-talk', '1');
