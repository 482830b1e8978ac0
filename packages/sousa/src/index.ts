export { sousa } from './plugin.js';
