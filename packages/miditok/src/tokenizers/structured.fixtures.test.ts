import { describeExpectedConfigs } from '../test-utils/expected-suite.js';

describeExpectedConfigs(['structured_default']);
