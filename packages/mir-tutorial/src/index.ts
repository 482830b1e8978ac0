export { mirTutorial } from './plugin.js';
