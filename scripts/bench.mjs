#!/usr/bin/env node
/**
 * `npm run bench`: brings the bench's bundle and the server bundle up to date (scripts/build.mjs)
 * and runs the bench in this process, with plain node: the server it measures is the code
 * `npm start` runs, bundled the same way, not the TypeScript sources through tsx. HTTP workers
 * (`--workers`) run the server bundle, as `CHEGUAN_WORKERS` does under `npm start`.
 */
import { pathToFileURL } from 'node:url';
import { BENCH_ENTRY, buildBench, buildServer } from './build.mjs';

// One after the other: each build stops esbuild's service when it is done.
await buildServer();
await buildBench();
await import(pathToFileURL(BENCH_ENTRY).href);
