'use strict';
// Colour on a terminal only: NO_COLOR turns it off, FORCE_COLOR (not `0`) on.

const { styleText } = require('node:util');

function colours() {
  const { FORCE_COLOR, NO_COLOR } = process.env;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '') return FORCE_COLOR !== '0';
  return !NO_COLOR && Boolean(process.stdout.isTTY);
}

/** `paint(style, text)`: `text` in `style` when colours are on. */
function painter() {
  const on = colours();
  return (style, text) => (on ? styleText(style, text) : text);
}

module.exports = { painter };
