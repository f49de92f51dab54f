#!/usr/bin/env node
/**
 * Builds what `npm start` and `npx cheguan` run — each again only when its sources changed:
 *
 * - the server: server/src/main.ts and cli.ts bundled by esbuild into dist/server/*.mjs, so that
 *   a start loads one file with plain node instead of compiling some 350 TypeScript files on the
 *   fly (tsx) every time. The dependencies stay in node_modules, loaded by node as they are.
 *   Tests and `npm run dev` keep running the sources.
 * - the web app: `vite build` into web/dist.
 * - the bench (`npm run bench`): bench/run.ts and the server it serves from, bundled the same way
 *   into dist/bench/run.mjs, so that it measures the server `npm start` runs.
 *
 * A stamp beside each output lists every input file with its size and modification time, taken
 * before the build; any difference (an edit, a checkout, a file added or removed) builds again.
 * Outputs are written under a temporary name and renamed, so a CLI command building at the same
 * moment as a start never loads half a file.
 *
 * Usage: node scripts/build.mjs [server] [web] [bench] [--force]
 *   (server and web when none is named; `npm run bench` builds the bench and the server)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SELF = path.relative(ROOT, fileURLToPath(import.meta.url));
const OUT = path.join(ROOT, 'dist');

/** The bundled entry points: `main.mjs` (the server) and `cli.mjs` (`npx cheguan`). */
export const SERVER_DIR = path.join(OUT, 'server');
const SERVER_ENTRIES = ['main', 'cli'];
const SERVER_STAMP = path.join(SERVER_DIR, 'inputs.json');
/** The bench's bundle (`npm run bench`): bench/run.ts and the server it serves from. */
const BENCH_DIR = path.join(OUT, 'bench');
export const BENCH_ENTRY = path.join(BENCH_DIR, 'run.mjs');
const BENCH_STAMP = path.join(BENCH_DIR, 'inputs.json');
/** Files that shape the bundle without being in it: module resolution (#shared/*), compiler options. */
const SERVER_CONFIG = ['package.json', 'package-lock.json', 'tsconfig.json', SELF];

const WEB_DIST = path.join(ROOT, 'web', 'dist');
const WEB_STAMP = path.join(OUT, 'web-inputs.json');

const toPosix = (p) => p.split(path.sep).join('/');

/** Size and modification time of a file relative to the root, or null when it is gone. */
function fingerprint(rel) {
  try {
    const s = fs.statSync(path.join(ROOT, rel));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Every file under the given folders (relative to the root), skipping outputs and packages. */
function walk(...dirs) {
  const files = [];
  const visit = (rel) => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = toPosix(path.join(rel, entry.name));
      if (entry.isDirectory()) {
        if (entry.name !== 'dist' && entry.name !== 'node_modules') visit(child);
      } else files.push(child);
    }
  };
  dirs.forEach(visit);
  return files;
}

const fingerprints = (files) => Object.fromEntries(files.map((f) => [f, fingerprint(f)]));

function writeAtomic(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/** True when the stamp exists and every file it lists is as it was (and, given, no file came or went). */
function upToDate(stampFile, currentFiles) {
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  const files = Object.keys(recorded);
  if (
    currentFiles &&
    (currentFiles.length !== files.length || currentFiles.some((f) => !(f in recorded)))
  )
    return false;
  return files.every((f) => fingerprint(f) === recorded[f]);
}

/**
 * The bundle runs from dist/server, but some modules find files beside their sources
 * (`new URL('../../migrations', import.meta.url)`-style): each module's `import.meta.url` is
 * rewritten to its source file's address, relative to the bundle so that a moved checkout works.
 */
const sourceImportMetaUrl = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const fromBundle = JSON.stringify(toPosix(path.relative(SERVER_DIR, args.path)));
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${fromBundle}, import.meta.url).href`,
        ),
        loader: 'ts',
      };
    });
  },
};

/**
 * What esbuild bundles, each again only when one of its inputs changed: its entry points, the
 * folders of its sources (fingerprinted before a build), where it goes and the stamp it leaves.
 */
const SERVER_BUNDLE = {
  what: 'Server',
  entryPoints: SERVER_ENTRIES.map((e) => `server/src/${e}.ts`),
  sources: ['server/src', 'shared/src'],
  outdir: SERVER_DIR,
  outputs: SERVER_ENTRIES.map((e) => path.join(SERVER_DIR, `${e}.mjs`)),
  stamp: SERVER_STAMP,
};
/**
 * The bench with the server it serves from: it measures the server as `npm start` runs it,
 * bundled, under plain node. Run from the TypeScript sources by tsx, every named function a
 * request creates is named again at run time (tsx keeps names: 3 % of a licence read's server
 * thread on the city-year).
 */
const BENCH_BUNDLE = {
  what: 'Bench',
  entryPoints: ['bench/run.ts'],
  sources: ['server/src', 'shared/src', 'bench'],
  outdir: BENCH_DIR,
  outputs: [BENCH_ENTRY],
  stamp: BENCH_STAMP,
};

/**
 * Bundles a target with esbuild as `npm start` runs it (dependencies left in node_modules, each
 * module's `import.meta.url` its source's) when its inputs changed (or `force`), and stamps its
 * inputs; true when it built.
 */
async function bundle(target, { force = false, log = console.error } = {}) {
  const built = target.outputs.every((f) => fs.existsSync(f));
  if (!force && built && upToDate(target.stamp)) return false;
  const started = Date.now();
  const before = fingerprints([...walk(...target.sources), ...SERVER_CONFIG]);
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: target.entryPoints,
    outdir: target.outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Stack traces name the bundle's lines; NODE_OPTIONS=--enable-source-maps maps them back.
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [sourceImportMetaUrl],
  });
  // esbuild's service process would otherwise live on beside the server it built.
  await esbuild.stop();
  for (const file of result.outputFiles) writeAtomic(file.path, file.contents);
  const inputs = [...Object.keys(result.metafile.inputs), ...SERVER_CONFIG];
  const stamped = Object.fromEntries(inputs.map((f) => [f, before[f] ?? fingerprint(f)]));
  writeAtomic(target.stamp, JSON.stringify(stamped, null, 1));
  const where = toPosix(path.relative(ROOT, target.outdir));
  log(`${target.what} bundled in ${Date.now() - started} ms (${where}).`);
  return true;
}

/** Bundles the server when its sources changed (or `force`); true when it built. */
export const buildServer = (opts) => bundle(SERVER_BUNDLE, opts);

/** Bundles the bench when its sources changed (or `force`); true when it built. */
export const buildBench = (opts) => bundle(BENCH_BUNDLE, opts);

/** Builds the web app when its sources changed (or `force`); true when it built. */
export async function buildWeb({ force = false, log = console.error } = {}) {
  const inputs = [...walk('web', 'shared/src'), 'package-lock.json', SELF];
  const built = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (!force && built && upToDate(WEB_STAMP, inputs)) return false;
  const before = fingerprints(inputs);
  const started = Date.now();
  const viteBin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin/vite.js',
  );
  const status = await new Promise((resolve, reject) => {
    spawn(
      process.execPath,
      [viteBin, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    )
      .on('error', reject)
      .on('exit', (code, signal) => resolve(code ?? signal));
  });
  if (status !== 0) throw new Error(`vite build failed (${status})`);
  writeAtomic(WEB_STAMP, JSON.stringify(before, null, 1));
  log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s (web/dist).`);
  return true;
}

/** Builds both at once (the web build runs in its own process); the first failure is thrown. */
export async function buildAll(opts) {
  const results = await Promise.allSettled([buildWeb(opts), buildServer(opts)]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const isMain = (file) =>
  fs.existsSync(file) && fs.realpathSync(file) === fs.realpathSync(fileURLToPath(import.meta.url));
if (process.argv[1] && isMain(process.argv[1])) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const targets = args.filter((a) => a !== '--force');
  const unknown = targets.filter((t) => !['server', 'web', 'bench'].includes(t));
  if (unknown.length) {
    console.error(
      `Usage: node scripts/build.mjs [server] [web] [bench] [--force] (not: ${unknown.join(' ')})`,
    );
    process.exit(2);
  }
  const log = (m) => console.log(m);
  if (targets.length === 0) await buildAll({ force, log });
  if (targets.includes('server')) await buildServer({ force, log });
  if (targets.includes('web')) await buildWeb({ force, log });
  if (targets.includes('bench')) await buildBench({ force, log });
}
