/**
 * What the registry read workloads read: applications the bench submits itself (行驶证 reissues
 * at police windows, over HTTP like any other), each kept with a token of the clerk that took
 * it in, who may read it back. Outside the measurement.
 */
import { log } from './log.ts';
import { buildRequest, type WorkloadSpec } from './workloads.ts';

/** Submits `count` licence reissues from `spec` (a licence-reissue spec) a few at a time. */
export async function seedApplications(
  base: string,
  spec: WorkloadSpec,
  count: number,
): Promise<{ id: string; token: string }[]> {
  const out = new Array<{ id: string; token: string }>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const { token, body, path } = buildRequest(spec, n);
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`seeding an application: HTTP ${res.status} ${text}`);
      out[n] = { id: (JSON.parse(text) as { id: string }).id, token };
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  log(`submitted ${count} applications for application-read`);
  return out;
}
