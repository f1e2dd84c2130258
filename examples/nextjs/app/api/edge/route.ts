// POST /api/edge   YAML in the body, parsed with parseAgent on the Edge runtime
// GET  /api/edge   what a function that reads files says there
// On the Edge runtime (and in workers and browsers) madace-core is its
// WebAssembly build: the text functions (parseAgent, validateText, editText,
// …) work as on Node.js, with the same results and errors; the functions
// that read or write files throw MADACE_NODE_RUNTIME_REQUIRED, and belong in
// a route on the Node.js runtime (see ../agents).
import { MadaceError, loadAgent, parseAgent } from 'madace-core';

export const runtime = 'edge';

function errorResponse(err: unknown, status: number): Response {
  if (!(err instanceof MadaceError)) throw err;
  const { code, message, path: file, line, column, issues } = err;
  return Response.json({ error: { code, message, path: file, line, column, issues } }, { status });
}

export async function POST(request: Request): Promise<Response> {
  try {
    const { metadata, menu } = parseAgent(await request.text(), { filename: 'posted.agent.yaml' });
    return Response.json({ id: metadata.id, name: metadata.name, title: metadata.title, menuItems: menu.length });
  } catch (err) {
    return errorResponse(err, 422);
  }
}

export async function GET(): Promise<Response> {
  try {
    return Response.json(await loadAgent('madace/mam/agents/pm.agent.yaml'));
  } catch (err) {
    return errorResponse(err, 501);
  }
}
