import { selfcheckTests } from '../support/selfcheck.ts';

selfcheckTests('eyeson', { seeds: '1,2,3', seedsWithoutControl: '1' });
