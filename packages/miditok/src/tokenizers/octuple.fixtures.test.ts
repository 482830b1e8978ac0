import { describeExpectedConfigs } from '../test-utils/expected-suite.js';

describeExpectedConfigs(['octuple_default']);
