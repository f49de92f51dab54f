import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { OutletCategory } from '#shared/catalog.ts';
import type { OpeningHours } from '#shared/schemas/network.ts';
import type { Endorsement } from '#shared/schemas/documents.ts';
import type { RevocationCause } from '#shared/licences.ts';

/**
 * Kysely's view of the schema in server/migrations. Dates are 'YYYY-MM-DD' strings (see
 * database.ts, which turns off pg's Date parsing for `date`), instants are Date objects,
 * bigint columns arrive as strings.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface RegionsTable {
  code: string;
  name: string;
  name_en: string;
  parent_code: string | null;
}

export interface JurisdictionsTable {
  city_code: string;
  name: string;
  name_en: string;
  province_abbr: string;
  plate_prefixes: string[];
  office_code: string;
  office_name: string;
  office_name_en: string;
  seat_county_code: string;
  local_rules: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface OrganisationsTable {
  code: string;
  city_code: string;
  name: string;
  kind: 'detachment' | 'brigade';
  county_code: string | null;
  parent_code: string | null;
}

export interface OutletsTable {
  code: string;
  city_code: string;
  name: string;
  category: OutletCategory;
  kind_label: string | null;
  parent_code: string | null;
  county_code: string;
  organisation_code: string;
  address: Generated<string>;
  phone: Generated<string>;
  hours: ColumnType<OpeningHours | Record<string, never>, string | undefined, string>;
  status: Generated<'active' | 'suspended'>;
  created_at: Timestamp;
}

export interface OutletSuspensionsTable {
  id: Generated<string>;
  outlet_code: string;
  reason: string;
  suspended_by: string;
  suspended_at: Timestamp;
  restored_by: string | null;
  restored_at: Date | null;
  restore_note: string | null;
}

export interface AgreementsTable {
  code: string;
  partner_name: string;
  kind: 'enterprise' | 'bank' | 'insurance' | 'post' | 'hospital';
  signed_on: string;
  valid_from: string;
  valid_until: string;
  business_types: string[];
}

export interface AgreementOutletsTable {
  agreement_code: string;
  outlet_code: string;
}

export interface UsersTable {
  id: Generated<string>;
  city_code: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string[];
  outlet_code: string | null;
  scope_level: 'outlet' | 'county' | 'city';
  scope_code: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  id_number: Generated<string | null>;
  credential_version: Generated<number>;
}

export interface SystemSettingsTable {
  key: string;
  value: string;
}

export interface BusinessTypesTable {
  code: string;
  name_zh: string;
  name_en: string;
  subject: 'vehicle' | 'licence' | 'violation' | 'person';
  sla_working_days: number;
  agent_allowed: boolean;
  legal_basis: string;
  implemented: boolean;
}

export interface PolicyValuesTable {
  id: Generated<string>;
  city_code: string | null;
  key: string;
  value: Json<unknown>;
  effective_from: string;
  legal_basis: Generated<string>;
  note: Generated<string>;
  created_by: string;
  created_at: Timestamp;
}

export interface CalendarDaysTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface GrantsTable {
  id: Generated<string>;
  city_code: string;
  business_type: string;
  outlet_category: OutletCategory | null;
  outlet_code: string | null;
  effect: Generated<'allow' | 'deny'>;
  valid_from: string | null;
  valid_until: string | null;
  created_by: string;
  created_at: Timestamp;
}

export type ApplicationStatus = 'accepted' | 'completed' | 'refused' | 'withdrawn' | 'expired';

export interface ApplicationsTable {
  city_code: string;
  id: string;
  outlet_name: string;
  business_type: string;
  outlet_code: string;
  county_code: string;
  channel: 'window' | 'social' | 'internet' | 'api';
  actor_user_id: string;
  actor_name: string | null;
  office_name: string | null;
  applicant_id_number: string;
  applicant_name: string;
  applicant_phone: string | null;
  agent: Json<unknown> | null;
  data: Json<unknown>;
  status: ApplicationStatus;
  stage: string | null;
  stage_entered_at: Date | string | null;
  stage_due_on: string | null;
  events: Generated<number>;
  result: Json<unknown> | null;
  refusal: Json<unknown> | null;
  policy: Json<unknown>;
  idempotency_key: string | null;
  request_hash: string;
  submitted_at: Timestamp;
  completed_at: Date | string | null;
  sla_due_on: string | null;
}

export interface VehiclesTable {
  id: Generated<string>;
  city_code: string;
  county_code: string;
  vin: string;
  plate: string | null;
  vehicle_type: string;
  use_nature: string;
  seats: number | null;
  brand: string | null;
  model: string | null;
  owner_id_number: string;
  owner_name: string;
  owner_phone: string | null;
  status: string;
  registered_on: string | null;
  manufactured_on: string | null;
  inspection_valid_until: string | null;
  moved_out_to: string | null;
  moved_out_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VehicleDirectoryTable {
  vin: string;
  city_code: string;
}

export interface MortgagesTable {
  city_code: string;
  id: Generated<string>;
  vehicle_id: string;
  mortgagee_org_code: string;
  contract_no: string;
  registered_on: string;
  released_on: string | null;
}

export interface TempPlatesTable {
  city_code: string;
  id: Generated<string>;
  vin: string;
  plate: string;
  purpose: TempPlatePurposeColumn;
  valid_from: string;
  valid_until: string;
  application_id: string;
  outlet_code: string;
  issued_at: Timestamp;
}

export interface DocumentsTable {
  city_code: string;
  id: string;
  kind: string;
  number: string;
  subject: string;
  application_id: string | null;
  status: Generated<'valid' | 'void'>;
  issued_at: Timestamp;
  voided_at: Date | null;
  void_reason: string | null;
  issuer_office: string | null;
  issuer_outlet: string | null;
  issuer_staff: string | null;
  /** The kind it was issued (and its token signed) as, when since relabelled; null: `kind`. */
  issued_kind: Generated<string | null>;
  /** 签注 on it, in order (a mortgage and its release on a registration certificate). */
  endorsements: Generated<(Endorsement & { applicationId: string })[]>;
}

export interface AuditHeadsTable {
  city_code: string;
  partition_key: string;
  last_seq: string;
  last_hash: string;
  prev_hash: Generated<string>;
}

export interface AuditLogTable {
  city_code: string;
  id: Generated<string>;
  partition_key: string;
  seq: string;
  at: Timestamp;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  details: Json<unknown>;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  city_code: string;
  id: Generated<string>;
  topic: string;
  payload: Json<unknown>;
  created_at: Timestamp;
}

export interface ApplicationEventsTable {
  city_code: string;
  application_id: string;
  seq: number;
  event: string;
  outcome: 'applied' | 'refused';
  from_status: ApplicationStatus;
  from_stage: string | null;
  to_status: ApplicationStatus;
  to_stage: string | null;
  actor_user_id: string | null;
  actor_name: string;
  outlet_code: string | null;
  at: Timestamp;
  data: Json<unknown>;
  result: Json<unknown> | null;
  refusal: Json<unknown> | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Date;
  blocked_until: Date | null;
}

export interface LoginKnownAddressesTable {
  username: string;
  address: string;
  last_success_at: Date;
}

export interface AuditCheckpointsTable {
  id: string;
  at: Date;
  body: Json<unknown>;
  signature: string;
}

export interface AuditCheckpointChainsTable {
  checkpoint_id: string;
  city_code: string;
  partition_key: string;
  from_seq: string;
  to_seq: string;
}

export type TempPlatePurposeColumn =
  | 'unregistered'
  | 'export'
  | 'plate-reissue'
  | 'testing'
  | 'oversize'
  | 'plate-delay'
  | 'move-out'
  | 'used-car-export'
  | 'icv-road-test';

export interface VehicleFlagsTable {
  city_code: string;
  id: Generated<string>;
  vehicle_id: string;
  vin: string;
  flag: 'seized' | 'stolen';
  reason: string;
  authority: string;
  status_before: string;
  set_by: string;
  set_at: Timestamp;
  lifted_by: string | null;
  lifted_at: Date | null;
  lift_note: string | null;
}

export interface VehicleEventsTable {
  city_code: string;
  id: Generated<string>;
  vin: string;
  at: Timestamp;
  event: string;
  status_from: string | null;
  status_to: string | null;
  plate: string | null;
  application_id: string | null;
  actor: string;
  details: Json<unknown>;
}

export interface InspectionsTable {
  city_code: string;
  id: string;
  report_no: string;
  county_code: string;
  outlet_code: string;
  vin: string | null;
  plate: string | null;
  result: 'pass' | 'fail';
  items: Json<unknown>;
  started_at: Timestamp;
  finished_at: Timestamp;
  inspector: string;
  photo_hashes: string[];
  recorded_by: string;
  recorded_at: Timestamp;
  source: Generated<'platform' | 'import'>;
  import_id: string | null;
}

/** Inspections per station and Beijing day, kept by a trigger (never written by the application). */
export interface InspectionDaysTable {
  city_code: string;
  day: string;
  station_code: string;
  first_at: Timestamp;
  first_county: string;
  n: number;
  passes: number;
  outcomes: string;
  seconds: number[];
  start_quarters: number[];
  report_nos: string[];
}

export interface PlateReservationsTable {
  city_code: string;
  plate: string;
  kind: 'application' | 'retained' | 'withheld';
  application_id: string | null;
  holder_id_number: string | null;
  reserved_at: Timestamp;
  reserved_until: string | null;
}

export interface LaneStagesTable {
  city_code: string;
  application_id: string;
  stage: string;
  outlet_code: string;
  county_code: string;
  vin: string;
  entered_at: Timestamp;
  finished_at: Date | null;
  staff: string | null;
  outcome: 'done' | 'withdrawn' | null;
}

export interface LicencesTable {
  city_code: string;
  id_number: string;
  county_code: string;
  name: string;
  licence_no: string;
  classes: string[];
  class_since: ColumnType<Record<string, string>, string | undefined, string>;
  status: 'valid' | 'full-score' | 'suspended' | 'revoked' | 'cancelled';
  status_since: string;
  revocation_cause: ColumnType<
    RevocationCause | null,
    RevocationCause | null | undefined,
    RevocationCause | null
  >;
  first_issued_on: string;
  validity_term: '6y' | '10y' | 'long-term';
  valid_until: string | null;
  probation_until: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LicenceEventsTable {
  city_code: string;
  id: Generated<string>;
  id_number: string;
  at: Timestamp;
  event: string;
  status_from: string | null;
  status_to: string;
  application_id: string | null;
  actor: string;
  details: Json<unknown>;
}

export interface LicenceDirectoryTable {
  id_number: string;
  city_code: string;
}

export interface ViolationCodesTable {
  id: Generated<string>;
  city_code: string | null;
  code: string;
  effective_from: string;
  description: string;
  description_en: string;
  points: number;
  fine_min: ColumnType<string, number, number>;
  fine_max: ColumnType<string, number, number>;
  category: string | null;
  legal_basis: string;
  created_by: Generated<string>;
  created_at: Timestamp;
}

export type Channel = 'window' | 'social' | 'internet' | 'api';

export interface ViolationsTable {
  city_code: string;
  id: string;
  county_code: string;
  plate: string;
  code: string;
  occurred_at: Timestamp;
  points: number;
  fine: ColumnType<string, number, number>;
  category: string | null;
  status: 'unhandled' | 'handled' | 'paid';
  source: 'import' | 'platform';
  recorded_at: Timestamp;
  handled_by: string | null;
  owner_id_number: string | null;
  handled_on: string | null;
  handled_at: Date | null;
  handled_application_id: string | null;
  handled_outlet_code: string | null;
  handled_user_id: string | null;
  handled_channel: Channel | null;
  handled_phone: string | null;
  paid_at: Date | null;
  late_fee: ColumnType<string | null, number | null, number | null>;
  paid_application_id: string | null;
  paid_outlet_code: string | null;
  paid_channel: Channel | null;
}

export interface PointEntriesTable {
  city_code: string;
  id: Generated<string>;
  id_number: string;
  kind: 'violation' | 'imported' | 'reduction' | 'full-score-cleared';
  points: number;
  recorded_on: string;
  violation_city_code: string | null;
  violation_id: string | null;
  application_id: string | null;
  method: 'online' | 'onsite' | 'public-welfare' | null;
  created_at: Timestamp;
  fine_settled_on: string | null;
}

export interface FullScoreRecordsTable {
  city_code: string;
  id: Generated<string>;
  id_number: string;
  cycle_start: string;
  reached_on: string;
  ordinal: number;
  points: number;
  study_days: number;
  onsite_days: number;
  onsite_online_days: number;
  subjects: number[];
  status: 'studying' | 'released';
  exams_passed_on: string | null;
  released_on: string | null;
  application_id: string | null;
}

export interface MedicalCertificatesTable {
  city_code: string;
  certificate_no: string;
  id_number: string;
  name: string;
  examined_on: string;
  conclusion: 'fit' | 'unfit';
  classes: string[] | null;
  cognitive_test: ColumnType<'pass' | 'fail' | null, 'pass' | 'fail' | null | undefined>;
  valid_until: string;
  outlet_code: string;
  recorded_by: string | null;
  channel: Channel;
  recorded_at: Timestamp;
  used_application_id: string | null;
  used_on: string | null;
}

export interface LicenceReviewsTable {
  city_code: string;
  id: Generated<string>;
  id_number: string;
  cycle_start: string;
  reviewed_on: string;
  application_id: string;
  outlet_code: string;
}

export interface ExamCandidatesTable {
  city_code: string;
  application_id: string;
  id_number: string;
  class: string;
  status: 'theory' | 'skills' | 'licensed' | 'voided' | 'expired' | 'withdrawn';
  accepted_at: Timestamp;
  permit_issued_on: string | null;
  permit_valid_until: string | null;
  closed_on: string | null;
  phone: string | null;
  driving_school_code: string | null;
}

export interface ExamResultsTable {
  city_code: string;
  id: string;
  id_number: string;
  subject: number;
  class: string;
  exam_site_code: string;
  examiner_id: string;
  vehicle_plate: string | null;
  score: ColumnType<string, number, number>;
  passed: boolean;
  absent: Generated<boolean>;
  face_match: 'pass' | 'fail' | 'manual';
  started_at: Timestamp;
  finished_at: Timestamp;
  recording_ref: string | null;
  application_id: string | null;
  counted: boolean;
  source: 'platform' | 'import';
  recorded_by: string | null;
  channel: Channel;
  recorded_at: Timestamp;
  import_id: Generated<string | null>;
}

/** Exam results per examiner, subject and Beijing day, kept by a trigger (never written by the application). */
export interface ExamExaminerDaysTable {
  city_code: string;
  day: string;
  examiner_id: string;
  subject: number;
  first_at: Timestamp;
  first_site: string;
  n: number;
  passes: number;
  outcomes: string;
  overrides: string;
  site_codes: string[];
  seconds: number[];
  ids: string[];
}

/** Exam results per exam site, subject and Beijing day, kept by a trigger. */
export interface ExamSiteDaysTable {
  city_code: string;
  day: string;
  exam_site_code: string;
  subject: number;
  first_at: Timestamp;
  n: number;
  passes: number;
  outcomes: string;
}

export interface ExamSessionsTable {
  city_code: string;
  id: string;
  exam_site_code: string;
  subject: number;
  exam_date: string;
  capacity: number;
  status: 'open' | 'closed';
  created_by: string | null;
  created_at: Timestamp;
  closed_at: Date | null;
}

export interface ExamBookingsTable {
  city_code: string;
  application_id: string;
  candidate_id: string;
  id_number: string;
  subject: number;
  exam_site_code: string | null;
  preferred_dates: ColumnType<string[], string[] | undefined, string[]>;
  earliest_on: string;
  status: 'waiting' | 'allocated' | 'cancelled' | 'taken' | 'expired' | 'withdrawn';
  booked_at: Timestamp;
  session_id: string | null;
  rank: number | null;
  cancelled_at: Date | null;
}

export interface SupervisionRunsTable {
  city_code: string;
  id: string;
  period_from: string;
  period_to: string;
  trigger: 'request' | 'job';
  started_by: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  policy: Json<Record<string, unknown>>;
  read: Json<Record<string, number>>;
  found: Json<Record<string, unknown>>;
  alerts: number;
  new_alerts: number;
  findings: ColumnType<number, number | undefined, number>;
}

export type AlertStatus = 'open' | 'assigned' | 'closed';

export interface AlertsTable {
  city_code: string;
  id: string;
  rule: string;
  severity: 'low' | 'medium' | 'high';
  subject_kind:
    'outlet' | 'examiner' | 'exam-site' | 'inspection-station' | 'staff' | 'vehicle' | 'person';
  subject_id: string;
  subject_name: string | null;
  outlet_code: string | null;
  level: 'detachment' | 'brigade';
  county_code: string;
  period_from: string;
  period_to: string;
  evidence: Json<Record<string, unknown>>;
  status: AlertStatus;
  deadline: string | null;
  run_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExamReviewsTable {
  city_code: string;
  id: string;
  review_date: string;
  exam_id: string;
  exam_site_code: string;
  county_code: string;
  examiner_id: string;
  subject: number;
  id_number: string;
  recording_ref: string;
  passed: boolean;
  face_match: 'pass' | 'fail' | 'manual';
  exam_started_at: Timestamp;
  reason: 'random' | 'flagged';
  draw_value: number;
  status: 'pending' | 'done';
  verdict: 'ok' | 'irregular' | null;
  note: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  alert_id: string | null;
  created_at: Timestamp;
}

export interface ExamReviewDaysTable {
  city_code: string;
  day: ColumnType<string, string, string>;
  drawn: number;
  drawn_at: Timestamp;
}

export interface AlertDispositionsTable {
  city_code: string;
  id: Generated<string>;
  alert_id: string;
  action: 'dismiss' | 'interview' | 'rectify' | 'suspend' | 'terminate' | 'reopen';
  note: string;
  deadline: string | null;
  effect: Json<Record<string, unknown>>;
  by_user: string;
  by_name: string;
  at: Timestamp;
}

export interface LegacyApplicationsTable {
  city_code: string;
  id: string;
  business_type: string;
  outlet_code: string;
  county_code: string;
  staff_id: string;
  channel: 'window' | 'social' | 'internet' | 'api';
  applicant_id_number: string;
  applicant_name: string;
  applicant_phone: string | null;
  agent: Json<unknown> | null;
  device_id: string | null;
  plate: string | null;
  submitted_at: Timestamp;
  status: 'completed' | 'refused';
  imported_at: Timestamp;
}

/**
 * The legacy history's business per outlet and Beijing day, kept by triggers
 * (`legacy_application_days`; never written by the application).
 */
export interface LegacyApplicationDaysTable {
  city_code: string;
  day: string;
  outlet_code: string;
  n: number;
  refused: number;
  /** upto[k]: business of the quarters of an hour before quarter k (k = 1–96). */
  upto: number[];
}

/**
 * Completed legacy business of the repeat kinds whose subject has more within 1 095 days, kept
 * by triggers (`legacy_application_repeats`; never written by the application).
 */
export interface BusinessRepeatsTable {
  city_code: string;
  id: string;
  subject: string;
  business_type: string;
  outlet_code: string;
  county_code: string;
  submitted_at: Timestamp;
}

export interface SpotCheckDrawsTable {
  city_code: string;
  id: string;
  population: string;
  count: number;
  parties: string[];
  frame: string;
  frame_hash: string;
  forced: string[];
  status: 'committing' | 'revealing' | 'complete';
  seed: string | null;
  selected: string[] | null;
  created_by: string;
  created_at: Timestamp;
  completed_at: Date | null;
}

export interface SpotCheckPartiesTable {
  city_code: string;
  draw_id: string;
  party: string;
  commitment: string | null;
  share: string | null;
  committed_at: Date | null;
  revealed_at: Date | null;
}

export interface CitizensTable {
  city_code: string;
  user_id: string;
  id_number: string;
  name: string;
  phone: string;
  matched_in: 'licence' | 'vehicle';
  created_at: Timestamp;
}

export interface SmsCodesTable {
  phone: string;
  code_hash: string;
  sent_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
}

export interface RegistrationAttemptsTable {
  subject: string;
  first_at: Timestamp;
  attempts: number;
}

export interface CitizenVehiclesTable {
  city_code: string;
  user_id: string;
  plate: string;
  own: boolean;
  bound_at: Timestamp;
}

export interface AppointmentsTable {
  city_code: string;
  id: string;
  user_id: string;
  id_number: string;
  outlet_code: string;
  business_type: string;
  day: ColumnType<string, string, string>;
  slot: string;
  status: 'active' | 'cancelled' | 'lapsed';
  created_at: Timestamp;
  cancelled_at: Timestamp | null;
}

export interface RatingsTable {
  city_code: string;
  application_id: string;
  outlet_code: string;
  score: number;
  comment: string | null;
  source: 'citizen' | 'device';
  rated_by: string;
  created_at: Timestamp;
}

export interface CallbackSampleDaysTable {
  city_code: string;
  day: ColumnType<string, string, string>;
  opened: number;
  sampled_at: Timestamp;
}

export interface CallbacksTable {
  city_code: string;
  id: string;
  application_id: string;
  outlet_code: string;
  county_code: string;
  reason: 'rating' | 'sample';
  due_at: Timestamp;
  status: 'open' | 'done';
  reached: boolean | null;
  satisfied: boolean | null;
  note: string | null;
  done_by: string | null;
  done_at: Timestamp | null;
  created_at: Timestamp;
}

export interface RosterDrawsTable {
  city_code: string;
  id: string;
  outlet_code: string;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  seed: string;
  frame: Json<{ code: string; weight: number }[]>;
  assignments: Json<{ date: string; window: number; staffId: string }[]>;
  created_by: string;
  created_at: Timestamp;
}

/** Anti-fraud (issue 11): imported violation handlings, the evidence graph, findings, cases. */
export interface FraudViolationHandlingsTable {
  city_code: string;
  violation_id: string;
  plate: string;
  owner_id_number: string;
  driver_id_number: string;
  points: number;
  handled_at: Timestamp;
  outlet_code: string | null;
  county_code: string;
  staff_id: string | null;
  channel: 'window' | 'social' | 'internet' | 'api';
  phone: string | null;
  device_id: string | null;
  imported_at: Timestamp;
}

export interface FraudPartiesTable {
  city_code: string;
  id_number: string;
  kind: 'person' | 'organisation';
  name: string | null;
  phone: string | null;
  has_licence: boolean;
  refreshed_at: Timestamp;
}

export interface FraudVehiclesTable {
  city_code: string;
  plate: string;
  owner_id_number: string;
  refreshed_at: Timestamp;
}

export interface FraudEventsTable {
  city_code: string;
  source: 'legacy-handling' | 'legacy-application' | 'platform-handling' | 'platform-application';
  source_id: string;
  kind: 'points' | 'agency';
  at: Timestamp;
  county_code: string;
  outlet_code: string | null;
  outlet_category: string | null;
  staff_id: string | null;
  channel: string;
  actor_id: string;
  subject_id: string;
  plate: string | null;
  points: number | null;
  phone: string | null;
  subject_phone: string | null;
  device_id: string | null;
  business_type: string | null;
  status: string;
}

export interface FraudFindingsTable {
  city_code: string;
  id: string;
  kind: 'point-trading' | 'illegal-agent' | 'insider-collusion';
  fingerprint: string;
  score: number;
  county_code: string;
  people: string[];
  plates: string[];
  staff: string[];
  phones: string[];
  devices: string[];
  evidence: Json<unknown>;
  links: Json<unknown>;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  run_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  core: Generated<string[]>;
  superseded_by: string | null;
  superseded_at: Timestamp | null;
  withdrawn_at: Timestamp | null;
  withdrawn_by_run: string | null;
}

export interface FraudCasesTable {
  city_code: string;
  id: string;
  title: string;
  status: 'open' | 'investigating' | 'transferred' | 'closed';
  outcome: string | null;
  county_code: string;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FraudCaseFindingsTable {
  city_code: string;
  case_id: string;
  finding_id: string;
}

export interface FraudCaseStepsTable {
  city_code: string;
  id: string;
  case_id: string;
  kind: string;
  note: string;
  details: Json<Record<string, unknown>>;
  by_user: string;
  at: Timestamp;
  seq: Generated<string>;
}

export interface SubstituteHoldsTable {
  city_code: string;
  id_number: string;
  application_id: string;
  case_id: string;
  reason: string;
  since: Timestamp;
  lifted_at: Timestamp | null;
  lifted_by: string | null;
  lift_reason: string | null;
}

/** Review flags on agents (代办人审核标记), measures of anti-fraud cases. */
export interface AgentReviewFlagsTable {
  city_code: string;
  application_id: string;
  id_number: string;
  case_id: string;
  reason: string;
  valid_from: ColumnType<string, string, string>;
  valid_until: ColumnType<string, string, string>;
  created_at: Timestamp;
  lifted_at: Timestamp | null;
  lifted_by: string | null;
  lift_reason: string | null;
}

/** SLA breaches escalated to the outlet's supervisor (service area). */
export interface SlaEscalationsTable {
  city_code: string;
  application_id: string;
  outlet_code: string;
  county_code: string;
  business_type: string;
  kind: 'open-overdue' | 'completed-late';
  sla_due_on: ColumnType<string, string, string>;
  level: 'brigade' | 'detachment';
  escalated_at: Timestamp;
  trigger: 'job' | 'request';
}

/** Rectifications an outlet owes after a bad rating (service area). */
export interface RectificationsTable {
  city_code: string;
  id: string;
  application_id: string;
  outlet_code: string;
  county_code: string;
  score: number;
  complaint: string | null;
  due_on: ColumnType<string, string, string>;
  status: 'open' | 'escalated' | 'done';
  level: 'brigade' | 'detachment' | null;
  escalated_at: Timestamp | null;
  action: string | null;
  done_by: string | null;
  done_at: Timestamp | null;
  created_at: Timestamp;
}

/** People whose internet business of a type must be done on site (applications area). */
export interface OnsiteRequirementsTable {
  city_code: string;
  id: string;
  id_number: string;
  business_type: string;
  valid_from: ColumnType<string, string, string>;
  valid_until: ColumnType<string, string, string>;
  reason: string;
  created_by: string;
  created_at: Timestamp;
}

export interface Database {
  substitute_holds: SubstituteHoldsTable;
  agent_review_flags: AgentReviewFlagsTable;
  fraud_violation_handlings: FraudViolationHandlingsTable;
  fraud_parties: FraudPartiesTable;
  fraud_vehicles: FraudVehiclesTable;
  fraud_events: FraudEventsTable;
  fraud_findings: FraudFindingsTable;
  fraud_cases: FraudCasesTable;
  fraud_case_findings: FraudCaseFindingsTable;
  fraud_case_steps: FraudCaseStepsTable;
  onsite_requirements: OnsiteRequirementsTable;
  sla_escalations: SlaEscalationsTable;
  rectifications: RectificationsTable;
  citizens: CitizensTable;
  sms_codes: SmsCodesTable;
  registration_attempts: RegistrationAttemptsTable;
  citizen_vehicles: CitizenVehiclesTable;
  appointments: AppointmentsTable;
  ratings: RatingsTable;
  callbacks: CallbacksTable;
  callback_sample_days: CallbackSampleDaysTable;
  roster_draws: RosterDrawsTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_checkpoint_chains: AuditCheckpointChainsTable;
  login_throttle: LoginThrottleTable;
  login_known_addresses: LoginKnownAddressesTable;
  regions: RegionsTable;
  jurisdictions: JurisdictionsTable;
  vehicle_directory: VehicleDirectoryTable;
  application_events: ApplicationEventsTable;
  organisations: OrganisationsTable;
  outlets: OutletsTable;
  outlet_suspensions: OutletSuspensionsTable;
  agreements: AgreementsTable;
  agreement_outlets: AgreementOutletsTable;
  users: UsersTable;
  system_settings: SystemSettingsTable;
  business_types: BusinessTypesTable;
  policy_values: PolicyValuesTable;
  calendar_days: CalendarDaysTable;
  grants: GrantsTable;
  applications: ApplicationsTable;
  vehicles: VehiclesTable;
  mortgages: MortgagesTable;
  temp_plates: TempPlatesTable;
  documents: DocumentsTable;
  audit_heads: AuditHeadsTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  vehicle_flags: VehicleFlagsTable;
  vehicle_events: VehicleEventsTable;
  inspections: InspectionsTable;
  inspection_days: InspectionDaysTable;
  plate_reservations: PlateReservationsTable;
  lane_stages: LaneStagesTable;
  supervision_runs: SupervisionRunsTable;
  alerts: AlertsTable;
  alert_dispositions: AlertDispositionsTable;
  legacy_applications: LegacyApplicationsTable;
  legacy_application_days: LegacyApplicationDaysTable;
  legacy_application_repeats: BusinessRepeatsTable;
  spot_check_draws: SpotCheckDrawsTable;
  spot_check_parties: SpotCheckPartiesTable;
  exam_reviews: ExamReviewsTable;
  exam_review_days: ExamReviewDaysTable;
  licences: LicencesTable;
  licence_directory: LicenceDirectoryTable;
  licence_events: LicenceEventsTable;
  violation_codes: ViolationCodesTable;
  violations: ViolationsTable;
  point_entries: PointEntriesTable;
  full_score_records: FullScoreRecordsTable;
  medical_certificates: MedicalCertificatesTable;
  licence_reviews: LicenceReviewsTable;
  exam_candidates: ExamCandidatesTable;
  exam_results: ExamResultsTable;
  exam_examiner_days: ExamExaminerDaysTable;
  exam_site_days: ExamSiteDaysTable;
  exam_sessions: ExamSessionsTable;
  exam_bookings: ExamBookingsTable;
}

export type VehicleRow = Selectable<VehiclesTable>;
export type NewVehicleRow = Insertable<VehiclesTable>;
