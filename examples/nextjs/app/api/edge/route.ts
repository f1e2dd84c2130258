// GET /api/edge: what a route on the Edge runtime gets from madace-core. It
// loads native code, which only Node.js can: under the Edge runtime the
// package resolves to a module whose functions throw an error that says
// so, and the fix is `export const runtime = 'nodejs'` (see ../agents).
import { MadaceError, parseAgent } from 'madace-core';

export const runtime = 'edge';

export function GET(): Response {
  try {
    return Response.json(parseAgent('agent: {}\n'));
  } catch (err) {
    if (!(err instanceof MadaceError)) throw err;
    return Response.json({ error: { code: err.code, message: err.message } }, { status: 501 });
  }
}
