-- API v1 (CONTRACT.md) knows seven kinds of document. Three more were issued and answered:
-- `receipt` (受理凭证: an acceptance notice, 受理通知书), `deregistration-certificate` (注销证明:
-- the office's written certification that the registration ended) and `mortgage-record` (a
-- mortgage's own paper). The first two are notices, numbered in their own series (SL, ZX); a
-- mortgage is now endorsed on the registration certificate (R164 §§31–33) and issues no paper.
-- The papers already issued stay what they were and where they are (their numbers, validity and
-- tokens); they are relabelled `notice`, the one kind of API v1 for an office's written notice or
-- certification, in the documents and in the stored answers of their applications and events.
-- A token signs the kind it was issued as, so that kind is kept beside the new one.

ALTER TABLE documents ADD COLUMN issued_kind text
  CHECK (issued_kind IN ('receipt', 'deregistration-certificate', 'mortgage-record'));
COMMENT ON COLUMN documents.issued_kind IS
  'The kind a document was issued (and its verify token signed) as before it was relabelled to one of API v1''s kinds: receipt, deregistration-certificate or mortgage-record, now notice. Null: issued as `kind`. A release or transfer voids a valid mortgage-record.';

UPDATE documents SET issued_kind = kind, kind = 'notice'
 WHERE kind IN ('receipt', 'deregistration-certificate', 'mortgage-record');

ALTER TABLE documents DROP CONSTRAINT documents_kind_check;
ALTER TABLE documents ADD CONSTRAINT documents_kind_check CHECK (kind IN ('vehicle-licence',
  'registration-certificate', 'plate', 'temp-plate', 'inspection-mark', 'driving-licence', 'notice'));
COMMENT ON CONSTRAINT documents_kind_check ON documents IS
  'The kinds of document of API v1 (CONTRACT.md); a notice''s series is told by its number''s prefix (GZ refusal, SL acceptance, ZX deregistration, DY a mortgage record of before 2027-01).';

-- The stored answers: a result's `documents` with every old kind relabelled, in their order.
CREATE FUNCTION pg_temp.contract_kinds(result jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_set(result, '{documents}', coalesce((
    SELECT jsonb_agg(CASE WHEN d ->> 'kind' IN ('receipt', 'deregistration-certificate', 'mortgage-record')
                          THEN jsonb_set(d, '{kind}', '"notice"') ELSE d END ORDER BY n)
      FROM jsonb_array_elements(result -> 'documents') WITH ORDINALITY AS e (d, n)), '[]'::jsonb))
$$;

UPDATE applications SET result = pg_temp.contract_kinds(result)
 WHERE jsonb_typeof(result -> 'documents') = 'array'
   AND (result -> 'documents' @> '[{"kind":"receipt"}]'
     OR result -> 'documents' @> '[{"kind":"deregistration-certificate"}]'
     OR result -> 'documents' @> '[{"kind":"mortgage-record"}]');

UPDATE application_events SET result = pg_temp.contract_kinds(result)
 WHERE jsonb_typeof(result -> 'documents') = 'array'
   AND (result -> 'documents' @> '[{"kind":"receipt"}]'
     OR result -> 'documents' @> '[{"kind":"deregistration-certificate"}]'
     OR result -> 'documents' @> '[{"kind":"mortgage-record"}]');

-- A mortgage and its release are endorsed on the registration certificate (签注, R164 §§32–33):
-- kept on the certificate, and shown by its public verification (mortgage dates are public, §35).
ALTER TABLE documents ADD COLUMN endorsements jsonb NOT NULL DEFAULT '[]'::jsonb;
COMMENT ON COLUMN documents.endorsements IS
  'What the office endorsed on the document, in order: [{"what": "mortgage" | "mortgage-release", "on": day, "applicationId"}]. Public verification shows what and on.';
