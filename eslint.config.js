export { default } from '@mirkit/eslint-config';
