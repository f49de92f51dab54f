import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

/**
 * The embedded server's processes run under Linux's SCHED_BATCH policy. Why: a statement sent
 * over the socket wakes its backend, and the kernel let that woken backend preempt the Node
 * thread that sent it — on one two-core machine the event loop waited a third of its time in the
 * run queue (1,270 involuntary switches a second) while the machine still had idle CPU, so the
 * one thread every request passes through stalled behind the database it was feeding. A
 * SCHED_BATCH task never preempts on wake-up and is otherwise scheduled like any other (same fair
 * share, same nice); it runs when a core is free or the running task's slice ends. Measured in
 * docs/BENCHMARKS.md: faster on that machine, no difference beyond the noise on another. An
 * unprivileged user may switch its own processes to SCHED_BATCH.
 */
export type DbSchedule = 'batch' | 'normal';

const run = promisify(execFile);

/** The scheduling policy number of a process (field 41 of /proc/<pid>/stat): 3 is SCHED_BATCH. */
export function policyOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command start at field 3; the policy is field 41.
    const policy = Number(fields[41 - 3]);
    return Number.isInteger(policy) ? policy : null;
  } catch {
    return null;
  }
}

export const SCHED_BATCH = 3;

/** The processes whose parent is `pid` (the postmaster's background processes). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended while the list was read
    }
  }
  return children;
}

/**
 * Puts the postmaster and its present children under SCHED_BATCH; every backend it forks later
 * inherits the policy. Where that is not possible (not Linux, no `chrt`), the server runs on
 * under the normal policy and one line says so — it is a speed setting, not a correctness one.
 */
export async function applySchedule(
  postmasterPid: number,
  schedule: DbSchedule,
  log?: (line: string) => void,
): Promise<void> {
  if (schedule === 'normal') return;
  if (process.platform !== 'linux') return;
  const batch = (pid: number) => run('chrt', ['--batch', '--all-tasks', '--pid', '0', String(pid)]);
  try {
    await batch(postmasterPid);
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0];
    log?.(`the embedded PostgreSQL keeps the normal scheduling policy (chrt --batch: ${reason})`);
    return;
  }
  // A background process may end between the listing and the call; the others still switch.
  await Promise.allSettled(childrenOf(postmasterPid).map(batch));
}
