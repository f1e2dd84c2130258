// GET  /api/agents          every agent of the MADACE tree, summarized
// GET  /api/agents?id=pm    one agent, as loadAgent returns it
// POST /api/agents          YAML in the body, parsed with parseAgent
// Errors: 422 with the MadaceError's code, message, line, column and issues
// (404 for an unknown id, 400 for an id that is not a plain name).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { MadaceError, loadAgent, parseAgent, type Agent } from 'madace-core';

// Paths relative to the app folder (where `next start` runs), so error
// messages name files the way this app knows them.
const MADACE_AGENTS = path.join('..', 'madace', 'mam', 'agents');
const APP_AGENTS = 'agents'; // this app's own agents, searched first
const AGENT_ID = /^[a-z0-9][a-z0-9-]*$/;

function errorResponse(err: unknown): Response {
  if (!(err instanceof MadaceError)) throw err;
  const { code, message, path: file, line, column, issues } = err;
  const status = code === 'E_NOT_FOUND' ? 404 : 422;
  return Response.json({ error: { code, message, path: file, line, column, issues } }, { status });
}

async function findAgent(id: string): Promise<Agent> {
  try {
    return await loadAgent(path.join(APP_AGENTS, `${id}.agent.yaml`));
  } catch (err) {
    if (err instanceof MadaceError && err.code === 'E_NOT_FOUND') {
      return await loadAgent(path.join(MADACE_AGENTS, `${id}.agent.yaml`));
    }
    throw err;
  }
}

export async function GET(request: Request): Promise<Response> {
  const id = new URL(request.url).searchParams.get('id');
  try {
    if (id !== null) {
      if (!AGENT_ID.test(id)) {
        return Response.json({ error: { code: 'E_PATH', message: `not an agent id: ${id}` } }, { status: 400 });
      }
      return Response.json(await findAgent(id));
    }
    const files = (await readdir(MADACE_AGENTS)).filter((f) => f.endsWith('.agent.yaml')).sort();
    const agents = await Promise.all(files.map((f) => loadAgent(path.join(MADACE_AGENTS, f))));
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
