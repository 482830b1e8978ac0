export { miditok } from './plugin.js';
