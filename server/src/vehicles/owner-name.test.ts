import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { businessClient } from '../../../test/support/business.ts';
import {
  createVehicle,
  idNumber,
  orgCode,
  type VehicleSeed,
} from '../../../test/support/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
const { submit, codes, basisOf } = businessClient(() => t);

const BANK = '520302-BK-001';
type Item = { code: string; message: string; remedy: string; messageEn: string; remedyEn: string };
const mismatch = (res: { json(): unknown }) =>
  (res.json() as { refusal?: { items: Item[] } }).refusal?.items.find(
    (i) => i.code === 'APPLICANT_NAME_MISMATCH',
  );

/**
 * Every business the owner applies for, with its data and where it is done (the applicant is the
 * vehicle's owner), and the article the owner check cites.
 */
const OWNER_BUSINESS: {
  type: string;
  basis: string;
  user?: string;
  mortgaged?: boolean;
  data: (v: VehicleSeed) => Record<string, unknown>;
}[] = [
  {
    type: 'vehicle.licence-reissue',
    basis: '机动车登记规定 第五十二条',
    data: (v) => ({ plate: v.plate }),
  },
  {
    type: 'vehicle.certificate-reissue',
    basis: '机动车登记规定 第五十二条',
    data: (v) => ({ plate: v.plate }),
  },
  {
    type: 'vehicle.plate-reissue',
    basis: '机动车登记规定 第五十一条',
    data: (v) => ({ plate: v.plate }),
  },
  {
    type: 'vehicle.inspection-mark',
    basis: '机动车登记规定 第五十四条',
    data: (v) => ({ plate: v.plate, insuranceValidUntil: '2027-11-30' }),
  },
  {
    type: 'vehicle.mortgage',
    basis: '机动车登记规定 第三十一条',
    user: 'clerk.bank',
    data: (v) => ({ plate: v.plate, mortgageeOrgCode: BANK, contractNo: 'DY-NAME-1' }),
  },
  {
    type: 'vehicle.mortgage-release',
    basis: '机动车登记规定 第三十三条',
    user: 'clerk.bank',
    mortgaged: true,
    data: (v) => ({ plate: v.plate, contractNo: 'DY-NAME-0' }),
  },
  {
    type: 'vehicle.deregister',
    basis: '机动车登记规定 第三十七条',
    data: (v) => ({ plate: v.plate, reason: 'scrapped' }),
  },
  {
    type: 'vehicle.change',
    basis: '机动车登记规定 第十六条',
    data: (v) => ({ plate: v.plate, change: 'colour', value: '白色' }),
  },
  {
    type: 'vehicle.temp-plate',
    basis: '机动车登记规定 第十八条、第二十七条',
    data: (v) => ({
      vin: v.vin,
      purpose: 'move-out',
      days: 30,
      insuranceValidUntil: '2027-11-30',
    }),
  },
];

const vehicleFor = (b: { mortgaged?: boolean }, owner: Partial<VehicleSeed> = {}) =>
  createVehicle(t.ctx.db, {
    ...owner,
    ...(b.mortgaged ? { mortgage: { mortgageeOrgCode: BANK, contractNo: 'DY-NAME-0' } } : {}),
  });

describe('the owner applies by name as well as by number (R164)', () => {
  it.each(OWNER_BUSINESS)(
    '$type: the owner’s number with another name is refused, on the business’s article',
    async (b) => {
      const v = await vehicleFor(b);
      const res = await submit(
        b.type,
        { idNumber: v.ownerIdNumber, name: '冒名人' },
        b.data(v),
        b.user,
      );
      expect(res.statusCode).toBe(422);
      expect(codes(res)).toContain('APPLICANT_NAME_MISMATCH');
      expect(basisOf(res, 'APPLICANT_NAME_MISMATCH')).toBe(b.basis);
      // The notice never tells a stranger whose vehicle it is.
      expect(JSON.stringify(res.json())).not.toContain(v.ownerName);
      expect(mismatch(res)?.message).toBe('申请人姓名与该机动车登记的所有人姓名不一致');
    },
  );

  it('lists the name with the other failing conditions (1331), and asks it only of the owner’s number', async () => {
    const stolen = await createVehicle(t.ctx.db, { status: 'stolen' });
    const both = await submit(
      'vehicle.licence-reissue',
      { idNumber: stolen.ownerIdNumber, name: '冒名人' },
      { plate: stolen.plate },
    );
    expect(codes(both)).toEqual(['APPLICANT_NAME_MISMATCH', 'VEHICLE_STOLEN']);
    const v = await createVehicle(t.ctx.db);
    const stranger = await submit(
      'vehicle.licence-reissue',
      { idNumber: idNumber(), name: '冒名人' },
      { plate: v.plate },
    );
    expect(codes(stranger)).toEqual(['APPLICANT_NOT_OWNER']);
  });

  it('checks the applicant (the owner), not the representative acting for them', async () => {
    const v = await createVehicle(t.ctx.db, { ownerName: '王小明' });
    const agent = { idNumber: idNumber(), name: '代办人' };
    const res = await submit(
      'vehicle.licence-reissue',
      { idNumber: v.ownerIdNumber, name: '王小明' },
      { plate: v.plate },
      'clerk.city',
      agent,
    );
    expect(res.statusCode).toBe(201);
    // The representative's own name in the applicant's place is not the owner's.
    const swapped = await submit(
      'vehicle.licence-reissue',
      { idNumber: v.ownerIdNumber, name: agent.name },
      { plate: v.plate },
      'clerk.city',
      agent,
    );
    expect(codes(swapped)).toEqual(['APPLICANT_NAME_MISMATCH']);
  });

  it('compares an organisation owner’s registered name, worded for an organisation', async () => {
    const company = { ownerIdNumber: orgCode(), ownerName: '遵义市红花岗区测试运输有限公司' };
    const v = await createVehicle(t.ctx.db, company);
    const clerk = { idNumber: idNumber(), name: '公司经办人' };
    const ok = await submit(
      'vehicle.licence-reissue',
      { idNumber: v.ownerIdNumber, name: company.ownerName },
      { plate: v.plate },
      'clerk.city',
      clerk,
    );
    expect(ok.statusCode).toBe(201);
    const byClerkName = await submit(
      'vehicle.licence-reissue',
      { idNumber: v.ownerIdNumber, name: clerk.name },
      { plate: v.plate },
      'clerk.city',
      clerk,
    );
    expect(codes(byClerkName)).toEqual(['APPLICANT_NAME_MISMATCH']);
    const item = mismatch(byClerkName)!;
    expect(item.message).toBe('申请人名称与该机动车登记的所有人单位名称不一致');
    expect(item.remedy).toContain('统一社会信用代码证书或营业执照');
    expect(item.messageEn).not.toMatch(/[\u4e00-\u9fa5]/);
    expect(item.remedyEn).not.toMatch(/[\u4e00-\u9fa5]/);
    expect(JSON.stringify(byClerkName.json())).not.toContain(company.ownerName);
  });
});
