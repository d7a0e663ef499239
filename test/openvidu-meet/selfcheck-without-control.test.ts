import { selfcheckWithoutControlTest } from '../support/selfcheck.ts';

selfcheckWithoutControlTest('openvidu-meet', '1');
