import { describeExpectedConfigs } from '../testing/expected-suite.js';

describeExpectedConfigs(['structured_default']);
