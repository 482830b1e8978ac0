import { describeExpectedConfigs } from '../test-utils/expected-suite.js';

describeExpectedConfigs(['mumidi_default']);
