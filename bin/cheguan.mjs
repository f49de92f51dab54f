#!/usr/bin/env node
// `npx cheguan …`: runs the bundled CLI (dist/server/cli.mjs), bundling it first when the
// sources changed since the last build (scripts/build.mjs), so no build step is needed by hand.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, SERVER_DIR } from '../scripts/build.mjs';

await buildServer();
await import(pathToFileURL(path.join(SERVER_DIR, 'cli.mjs')).href);
