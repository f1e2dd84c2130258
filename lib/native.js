'use strict';
// The native addon, loaded once (see addon.js for where it is found).

module.exports = require('./addon').loadAddon();
