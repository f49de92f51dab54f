#!/usr/bin/env node
/**
 * `npm start`: brings the web app and the server bundle up to date — each only when its sources
 * changed (scripts/build.mjs) — and runs the server bundle in this process, with plain node.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAll, SERVER_DIR } from './build.mjs';

await buildAll();
await import(pathToFileURL(path.join(SERVER_DIR, 'main.mjs')).href);
