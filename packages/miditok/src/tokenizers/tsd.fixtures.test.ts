import { describeExpectedConfigs } from '../test-utils/expected-suite.js';

describeExpectedConfigs(['tsd_default','tsd_plus']);
