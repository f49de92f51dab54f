/**
 * A CPU profile's frames in bundled code (the bench's and `npm start`'s esbuild bundles) named by
 * their source files: each frame of a file that has a source map beside it (`<file>.map`) gets
 * the original file's URL and line, so that bench/profile-top.ts groups and names it as the
 * sources (server/src/…, shared/src/…), whichever way the server was run.
 */
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** The source map beside a bundled file, loaded once per file; null when there is none. */
function mapsOf() {
  const maps = new Map<string, { map: SourceMap; dir: URL } | null>();
  return (url: string) => {
    if (!maps.has(url)) {
      let found: { map: SourceMap; dir: URL } | null = null;
      if (url.startsWith('file:') && /\.m?js$/.test(url)) {
        const mapFile = `${fileURLToPath(url)}.map`;
        if (fs.existsSync(mapFile)) {
          found = {
            map: new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))),
            dir: pathToFileURL(mapFile),
          };
        }
      }
      maps.set(url, found);
    }
    return maps.get(url)!;
  };
}

/** Rewrites, in place, the frames of bundled code to their source files and lines. */
export function locateInSources(frames: Iterable<CallFrame>): void {
  const mapOf = mapsOf();
  for (const frame of frames) {
    const found = mapOf(frame.url);
    if (!found) continue;
    const entry = found.map.findEntry(frame.lineNumber, frame.columnNumber) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (!entry.originalSource) continue;
    frame.url = new URL(entry.originalSource, found.dir).href;
    frame.lineNumber = entry.originalLine ?? frame.lineNumber;
  }
}
