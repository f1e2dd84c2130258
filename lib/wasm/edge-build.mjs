// The API on a module an Edge runtime hands over compiled: ready at once.
import engine from './engine.js';
import text from './api.js';

export const edgeBuild = (module) => ({ api: text.textApi(engine.createEngine(module)), init: async () => {} });
