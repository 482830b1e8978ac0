import { describeExpectedConfigs } from '../test-utils/expected-suite.js';

describeExpectedConfigs(['cpword_default']);
