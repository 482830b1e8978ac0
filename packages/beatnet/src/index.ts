export { beatnet } from './plugin.js';
