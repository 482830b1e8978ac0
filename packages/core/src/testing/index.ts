export { findFixtures, isCi, requireFixtures } from './fixtures.js';
