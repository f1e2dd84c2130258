'use strict';
// jest runs these files as a user's project would: `require('madace-core')`
// is mapped to this repo's index.js, which loads the compiled index.node.
// No transform: the tests are plain CommonJS.

const path = require('node:path');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.test.js'],
  transform: {},
  moduleNameMapper: {
    '^madace-core$': path.resolve(__dirname, '..', '..', 'index.js'),
    '^madace-core/testing$': path.resolve(__dirname, '..', '..', 'lib', 'testing.js'),
  },
};
