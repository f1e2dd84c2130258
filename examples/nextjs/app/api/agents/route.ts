// GET  /api/agents          every agent of the MADACE tree, summarized
// GET  /api/agents?id=pm    one agent, as loadAgentById returns it
// POST /api/agents          YAML in the body, parsed with parseAgent
// Errors: 422 with the MadaceError's code, message, line, column and issues
// (404 for an unknown id, 400 for an id that is not a plain name).
import { MadaceError, loadAgentById, loadMAMAgents, parseAgent, type FrozenAgent } from 'madace-core';

// Project roots relative to the app folder (where `next start` runs), so
// error messages name files the way this app knows them: the app's own
// `madace/` tree (module `custom`) first, then the bundled example's.
const APP_ROOT = '.';
const MADACE_ROOT = '..';

function errorResponse(err: unknown): Response {
  if (!(err instanceof MadaceError)) throw err;
  const { code, message, path: file, line, column, issues } = err;
  const status = code === 'E_NOT_FOUND' ? 404 : code === 'E_PATH' ? 400 : 422;
  return Response.json({ error: { code, message, path: file, line, column, issues } }, { status });
}

/** `loadAgentById` refuses ids that are paths, or too long to be a file name, with E_PATH. */
async function findAgent(id: string): Promise<FrozenAgent> {
  try {
    return await loadAgentById(APP_ROOT, id);
  } catch (err) {
    if (err instanceof MadaceError && err.code === 'E_NOT_FOUND') return await loadAgentById(MADACE_ROOT, id);
    throw err;
  }
}

export async function GET(request: Request): Promise<Response> {
  const id = new URL(request.url).searchParams.get('id');
  try {
    if (id !== null) return Response.json(await findAgent(id));
    const agents = await loadMAMAgents({ root: MADACE_ROOT });
    return Response.json(
      agents.map(({ metadata, menu }) => ({
        id: metadata.id,
        name: metadata.name,
        title: metadata.title,
        icon: metadata.icon,
        menuItems: menu.length,
      })),
    );
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(parseAgent(await request.text(), { filename: 'posted.agent.yaml' }));
  } catch (err) {
    return errorResponse(err);
  }
}
