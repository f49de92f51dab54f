/**
 * CPU time of this process's main thread (the server under test), from Linux's
 * /proc/self/task/<pid>/stat: unlike event-loop busy time it leaves out the time the thread was
 * runnable but waiting for a CPU, so it stays comparable on a loaded machine. NaN elsewhere.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | null = null;
const ticks = () => {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
};

/** Milliseconds of CPU (user + system) the main thread has used so far, or NaN. */
export function mainThreadCpuMs(): number {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks();
  } catch {
    return Number.NaN;
  }
}
