import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // A self-contained server (.next/standalone/server.js) for Docker and zip
  // deploys: Next traces madace-core and the platform package with its
  // binary into it (see the README, "Next.js").
  output: 'standalone',
  // madace-core loads a native addon (index.node): Node must require it at
  // run time. Bundled, the build fails ("non-ecmascript placeable asset":
  // a .node file is not placeable in ESM chunks).
  serverExternalPackages: ['madace-core'],
  // This app lives inside the madace-core repo, which has its own lockfile:
  // keep Next.js from taking the repo for the workspace root.
  turbopack: { root: __dirname },
  outputFileTracingRoot: __dirname,
};

export default nextConfig;
