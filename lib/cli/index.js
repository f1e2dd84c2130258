'use strict';
// The command line: arguments parsed by util.parseArgs, one module per
// command; output and verdicts come from the library and lib/render.js.

const { parseArgs } = require('node:util');
const render = require('../render');
const { USAGE, UsageError } = require('./usage');

const COMMANDS = {
  validate: require('./validate'),
  schema: require('./schema'),
  status: require('./status'),
  move: require('./move'),
  lsp: require('./lsp'),
};

const GLOBAL = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } };

/** Every option any command takes, so that a first pass can find the command. */
const ALL = Object.assign({}, GLOBAL, ...Object.values(COMMANDS).map((c) => c.options));

/** `{ command, args, flags }`; an option the command does not take is a usage error. */
function parse(argv) {
  const loose = parseArgs({ args: argv, options: ALL, strict: false, allowPositionals: true });
  const [command, ...args] = loose.positionals;
  if (loose.values.help || loose.values.version || command === undefined) return { command, args, flags: loose.values };
  if (!COMMANDS[command]) throw new UsageError(`Unknown command: ${command}`);
  try {
    const { values } = parseArgs({
      args: argv,
      options: { ...GLOBAL, ...COMMANDS[command].options },
      strict: true,
      allowPositionals: true,
    });
    return { command, args, flags: values };
  } catch (err) {
    // parseArgs's own words name the option; say which command it was for.
    throw new UsageError(`${err.message.split('. ')[0].replace(/\.$/, '')} (for ${command})`);
  }
}

function main(argv) {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${render.visible(err.message)}\n\n${USAGE}`);
    return 2;
  }
  const { command, args, flags } = parsed;
  if (flags.help) {
    console.log(USAGE);
    return 0;
  }
  if (flags.version) {
    console.log(require('../../package.json').version);
    return 0;
  }
  if (command === undefined) {
    console.error(USAGE);
    return 2;
  }
  let lib;
  try {
    lib = require('../..');
  } catch (err) {
    if (!String(err.code).startsWith('MADACE_ADDON_')) throw err;
    console.error(err.message);
    return 1;
  }
  try {
    return COMMANDS[command].run(lib, args, flags);
  } catch (err) {
    if (err instanceof UsageError) {
      const message = render.visible(err.message);
      console.error(err.usage ? `${message}\n\n${USAGE}` : `${message}\nRun \`madace-core --help\` for usage.`);
      return 2;
    }
    if (err instanceof lib.MadaceError) {
      console.error(render.errorProblems(err).map((p) => render.problemLine(p.file, p)).join('\n'));
      return 1;
    }
    if (err instanceof TypeError) {
      console.error(render.visible(err.message));
      return 1;
    }
    throw err;
  }
}

module.exports = { main };
