// A Server Component: agents are loaded on the server, at build time (this
// page is static), through the same package as the API route.
import path from 'node:path';
import { loadAgent } from 'madace-core';

const IDS = ['analyst', 'architect', 'dev', 'pm', 'sm'];

export default async function Home() {
  const agents = await Promise.all(
    IDS.map((id) => loadAgent(path.join('..', 'madace', 'mam', 'agents', `${id}.agent.yaml`))),
  );
  return (
    <main>
      <h1>MADACE agents</h1>
      <ul>
        {agents.map(({ metadata, menu }) => (
          <li key={metadata.id}>
            {metadata.icon} {metadata.name}: {metadata.title} ({menu.length} menu items)
          </li>
        ))}
      </ul>
      <p>
        JSON: <a href="/api/agents">/api/agents</a>, <a href="/api/agents?id=pm">/api/agents?id=pm</a>,{' '}
        <a href="/api/agents?id=broken">/api/agents?id=broken</a>
      </p>
    </main>
  );
}
