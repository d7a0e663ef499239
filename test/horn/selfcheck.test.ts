import { selfcheckTests } from '../support/selfcheck.ts';

selfcheckTests('horn', { seeds: '1,2,3', seedsWithoutControl: '1' });
