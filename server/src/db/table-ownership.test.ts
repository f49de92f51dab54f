import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Each table belongs to one area, and only that area's repository writes SQL against it; other
 * areas call the owner's service (docs/ARCHITECTURE.md). The lint rule keeps imports in line;
 * this test keeps the SQL in line, which no import reveals.
 */
const OWNERS: Record<string, string> = {
  regions: 'network',
  jurisdictions: 'network',
  organisations: 'network',
  outlets: 'network',
  outlet_suspensions: 'network',
  agreements: 'network',
  agreement_outlets: 'network',
  users: 'auth',
  system_settings: 'auth',
  login_throttle: 'auth',
  login_known_addresses: 'auth',
  business_types: 'catalog',
  policy_values: 'catalog',
  calendar_days: 'catalog',
  grants: 'delegation',
  applications: 'applications',
  application_events: 'applications',
  application_activity: 'applications',
  application_activity_days: 'applications',
  documents: 'documents',
  vehicles: 'vehicles',
  vehicle_directory: 'vehicles',
  mortgages: 'vehicles',
  temp_plates: 'vehicles',
  audit_heads: 'audit',
  audit_log: 'audit',
  outbox: 'audit',
  audit_checkpoints: 'audit',
  audit_checkpoint_chains: 'audit',
  vehicle_flags: 'vehicles',
  vehicle_events: 'vehicles',
  inspections: 'vehicles',
  inspection_photos: 'vehicles',
  inspection_photo_shares: 'vehicles',
  inspection_days: 'vehicles',
  plate_reservations: 'vehicles',
  lane_stages: 'vehicles',
  supervision_runs: 'supervision',
  alerts: 'supervision',
  alert_dispositions: 'supervision',
  legacy_applications: 'supervision',
  legacy_application_days: 'supervision',
  legacy_application_repeats: 'supervision',
  spot_check_draws: 'supervision',
  spot_check_parties: 'supervision',
  exam_reviews: 'supervision',
  exam_review_days: 'supervision',
  licences: 'licences',
  licence_events: 'licences',
  licence_directory: 'licences',
  violation_codes: 'violations',
  violations: 'violations',
  point_entries: 'violations',
  full_score_records: 'violations',
  medical_certificates: 'licences',
  licence_reviews: 'licences',
  exam_candidates: 'licences',
  exam_results: 'licences',
  exam_examiner_days: 'licences',
  exam_site_days: 'licences',
  exam_sessions: 'licences',
  exam_bookings: 'licences',
  citizens: 'citizens',
  sms_codes: 'citizens',
  registration_attempts: 'citizens',
  citizen_vehicles: 'citizens',
  appointments: 'citizens',
  ratings: 'service',
  callbacks: 'service',
  roster_draws: 'service',
  callback_sample_days: 'service',
  substitute_holds: 'violations',
  agent_review_flags: 'applications',
  fraud_violation_handlings: 'antifraud',
  fraud_parties: 'antifraud',
  fraud_vehicles: 'antifraud',
  fraud_events: 'antifraud',
  fraud_findings: 'antifraud',
  fraud_cases: 'antifraud',
  fraud_case_findings: 'antifraud',
  fraud_case_steps: 'antifraud',
  sla_escalations: 'service',
  onsite_requirements: 'applications',
  rectifications: 'service',
};
const SRC = path.resolve('server/src');
const TABLE_CALL =
  /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-z_]+)/g;

function repositories(): { file: string; text: string }[] {
  return fs
    .readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.repository.ts'))
    .map((file) => ({ file, text: fs.readFileSync(path.join(SRC, file), 'utf8') }));
}

/** Each use of another area's table in some repositories (paths relative to server/src). */
function tableTrespasses(files: { file: string; text: string }[]): string[] {
  return files.flatMap(({ file, text }) => {
    const area = file.split(path.sep)[0];
    return [...text.matchAll(TABLE_CALL)]
      .map((m) => m[1] as string)
      .filter((table) => OWNERS[table] !== area)
      .map((table) => `${file} uses ${table} (owned by ${OWNERS[table] ?? 'nobody'})`);
  });
}

describe('table ownership', () => {
  it('lets every repository touch its own area’s tables only', () => {
    const files = repositories();
    expect(files.length).toBeGreaterThan(5);
    expect(tableTrespasses(files)).toEqual([]);
  });

  it('notices a repository that reaches into another area’s table', () => {
    const probe = {
      file: path.join('vehicles', 'probe.repository.ts'),
      text: "db.selectFrom('outlets as o').innerJoin('grants as g', 'g.x', 'o.y');",
    };
    expect(tableTrespasses([probe])).toEqual([
      `${probe.file} uses outlets (owned by network)`,
      `${probe.file} uses grants (owned by delegation)`,
    ]);
  });
});
