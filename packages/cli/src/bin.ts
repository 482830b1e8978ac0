#!/usr/bin/env node
console.log('mirkit');
