export const CLI_NAME = 'mirkit';
