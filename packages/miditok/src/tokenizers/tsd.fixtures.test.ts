import { describeExpectedConfigs } from '../testing/expected-suite.js';

describeExpectedConfigs(['tsd_default','tsd_plus']);
