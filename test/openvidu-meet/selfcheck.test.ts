import { selfcheckTest } from '../support/selfcheck.ts';

selfcheckTest('openvidu-meet', '1,2,3');
