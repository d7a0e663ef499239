import { selfcheckTests } from '../support/selfcheck.ts';

selfcheckTests('openvidu-meet', { seeds: '1,2,3', seedsWithoutControl: '1' });
