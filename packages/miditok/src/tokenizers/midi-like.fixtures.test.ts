import { describeExpectedConfigs } from '../testing/expected-suite.js';

describeExpectedConfigs(['midilike_default']);
