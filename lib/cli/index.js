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
  ...require('./edit'),
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
  if (!COMMANDS[command]) {
    const hint = require('../catalog').didYouMean(command, Object.keys(COMMANDS));
    throw new UsageError(`Unknown command: ${command}${hint}`, { usage: !hint });
  }
  try {
    const { values } = parseArgs({
      args: argv,
      options: { ...GLOBAL, ...COMMANDS[command].options },
      strict: true,
      allowPositionals: true,
    });
    return { command, args, flags: values };
  } catch (err) {
    // parseArgs's own words name the option; say which command it was for, and what was meant.
    const unknown = err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'(--?[^']+)'/.exec(err.message);
    const flags = Object.keys(COMMANDS[command].options).map((name) => `--${name}`);
    const hint = unknown ? require('../catalog').didYouMean(unknown[1], flags) : '';
    throw new UsageError(`${err.message.split('. ')[0].replace(/\.$/, '')} (for ${command})${hint}`, { usage: !hint });
  }
}

/** A usage error on stderr: with the usage, or, when the message says enough, one line and where help is. */
function usageError(err) {
  const message = render.visible(err.message);
  console.error(err.usage ? `${message}\n\n${USAGE}` : `${message}\nRun \`madace-core --help\` for usage.`);
  return 2;
}

function main(argv) {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return usageError(err);
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
    if (err instanceof UsageError) return usageError(err);
    if (err instanceof lib.MadaceError) {
      console.error(render.errorProblems(err).map((p) => render.problemLine(p.file, p)).join('\n'));
      return 1;
    }
    if (err instanceof TypeError) {
      console.error(render.visible(err.message));
      return 1;
    }
    // A file the command reads itself (move --dry-run's board): Node's own error, said in one line.
    if (typeof err.syscall === 'string' && typeof err.path === 'string') {
      console.error(`madace-core: cannot ${err.syscall} ${render.visible(err.path)}: ${err.code}`);
      return 1;
    }
    throw err;
  }
}

module.exports = { main };
