import { addCalendarDays, addMonths } from '#shared/dates.ts';
import type { LicenceClass } from '#shared/licences.ts';
import type { MedicalCertificate, RenewalView } from '#shared/schemas/licences.ts';
import type { z } from 'zod';
import type { medicalCertificateRequestSchema } from '#shared/schemas/licences.ts';
import { channelOf } from '../applications/pipeline.ts';
import { audit } from '../audit/audit.service.ts';
import { policyIn } from '../catalog/catalog.service.ts';
import type { DbOrTx } from '../db/database.ts';
import { outletNames } from '../network/network.service.ts';
import type { Actor } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { beijingDate } from '../platform/time.ts';
import { lastRenewalDay, effectiveLicenceStatus } from '#shared/licences.ts';
import { idFor } from './licences.presenter.ts';
import {
  requireMedicalRecorder,
  requireRenewalReader,
  requireRenewalReading,
} from './licences.policy.ts';
import { licenceOf } from './licences.service.ts';
import {
  certificatesOf,
  insertCertificate,
  validCertificatesOf,
  type CertificateRecord,
} from './medicals.repository.ts';

/** Months a certificate is valid on a day (R162 §85: 6), as policy. */
export async function medicalMonths(db: DbOrTx, day: string, cityCode: string) {
  const { values } = await policyIn(db, ['medical.valid-months'], day, cityCode);
  return values['medical.valid-months'] ?? 6;
}

export const certificateValidUntil = (examinedOn: string, months: number) =>
  addCalendarDays(addMonths(examinedOn, months), -1);

/**
 * `POST /medical-certificates`: a hospital exam point records a driver's medical (警医). The
 * certificate is numbered, valid for the policy's months from the examination, and keeps who
 * examined whom, where, when and through which channel.
 */
export async function recordCertificate(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof medicalCertificateRequestSchema>,
) {
  const outlet = requireMedicalRecorder(actor);
  const now = ctx.clock.now();
  const today = beijingDate(now);
  const months = await medicalMonths(ctx.db, today, outlet.cityCode);
  const validUntil = certificateValidUntil(input.examinedOn, months);
  if (input.examinedOn > today) {
    throw invalid([{ path: 'examinedOn', message: '体检日期不能晚于今天' }]);
  }
  if (validUntil < today) {
    throw invalid([
      { path: 'examinedOn', message: `体检日期早于 ${months} 个月有效期，证明已失效` },
    ]);
  }
  return await ctx.db.transaction().execute(async (tx) => {
    const certificateNo = await insertCertificate(tx, {
      cityCode: outlet.cityCode,
      numberPrefix: `TJ${outlet.cityCode}${today.replaceAll('-', '')}`,
      idNumber: input.idNumber,
      name: input.name,
      examinedOn: input.examinedOn,
      conclusion: input.conclusion,
      classes: (input.classes as LicenceClass[] | undefined) ?? null,
      cognitiveTest: input.cognitiveTest ?? null,
      validUntil,
      outletCode: outlet.code,
      recordedBy: actor.userId,
      channel: channelOf(outlet.category),
      recordedAt: now,
    });
    await audit(tx, actor, now, {
      action: 'medical-certificate.recorded',
      entityType: 'medical-certificate',
      entityId: certificateNo,
      details: {
        idNumber: input.idNumber,
        examinedOn: input.examinedOn,
        conclusion: input.conclusion,
        validUntil,
      },
      event: 'medical-certificate.recorded',
    });
    return { certificateNo, validUntil };
  });
}

async function presentCertificates(
  db: DbOrTx,
  certificates: CertificateRecord[],
  viewer: Actor,
): Promise<MedicalCertificate[]> {
  const names = await outletNames(db, [...new Set(certificates.map((c) => c.outletCode))]);
  return certificates.map((c) => ({
    certificateNo: c.certificateNo,
    validUntil: c.validUntil,
    idNumber: idFor(c.idNumber, viewer),
    name: c.name,
    examinedOn: c.examinedOn,
    conclusion: c.conclusion,
    classes: c.classes,
    outletName: names.get(c.outletCode)?.name ?? c.outletCode,
    used: c.usedApplicationId !== null,
  }));
}

/** The renewal window of a licence (R162 §63, §79): from `windowDays` before expiry to a year after. */
export function renewalWindow(validUntil: string | null, windowDays: number) {
  return validUntil
    ? { from: addCalendarDays(validUntil, -windowDays), until: lastRenewalDay(validUntil) }
    : null;
}

/** `GET /licences/{idNumber}/renewal`: what a one-stop renewal at a hospital or post needs. */
export async function renewalView(
  ctx: AppContext,
  actor: Actor,
  idNumber: string,
): Promise<RenewalView> {
  requireRenewalReading(actor);
  const licence = await licenceOf(ctx.db, idNumber);
  if (!licence) throw notFound('驾驶证');
  requireRenewalReader(actor, licence);
  const today = beijingDate(ctx.clock.now());
  const { values } = await policyIn(ctx.db, ['licence-renew.window-days'], today, actor.cityCode);
  const window = renewalWindow(licence.validUntil, values['licence-renew.window-days'] ?? 90);
  const certificates = await validCertificatesOf(ctx.db, actor.cityCode, idNumber, today);
  return {
    idNumber: idFor(licence.idNumber, actor),
    name: licence.name,
    classes: licence.classes,
    status: effectiveLicenceStatus(licence.status, licence.validUntil, today),
    validUntil: licence.validUntil,
    validityTerm: licence.validityTerm,
    renewableFrom: window?.from ?? null,
    renewableUntil: window?.until ?? null,
    certificates: await presentCertificates(ctx.db, certificates, actor),
  };
}

/** A person's latest certificates, as the viewer may see them (the driver file). */
export async function certificatesFor(db: DbOrTx, viewer: Actor, idNumber: string) {
  return await presentCertificates(db, await certificatesOf(db, viewer.cityCode, idNumber), viewer);
}
