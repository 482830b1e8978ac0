import { describeExpectedConfigs } from '../testing/expected-suite.js';

describeExpectedConfigs(['remi_default','remi_plus','remi_multitrack']);
