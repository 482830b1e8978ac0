import { describeExpectedConfigs } from '../test-utils/expected-suite.js';

describeExpectedConfigs(['remi_default','remi_plus','remi_multitrack']);
