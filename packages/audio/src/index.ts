export { audio } from './plugin.js';
