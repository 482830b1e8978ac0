import { describeExpectedConfigs } from '../test-utils/expected-suite.js';

describeExpectedConfigs(['midilike_default']);
