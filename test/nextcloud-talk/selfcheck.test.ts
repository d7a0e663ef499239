import { selfcheckTests } from '../support/selfcheck.ts';

selfcheckTests('nextcloud-talk', { seeds: '1,2,3', seedsWithoutControl: '1' });
