import { ageOn } from '#shared/dates.ts';
import { classesAtAge, type LicenceClass } from '#shared/licences.ts';
import { parseIdNumber } from '#shared/validators/index.ts';

export interface Duty {
  code: string;
  message: string;
  messageEn: string;
}

/** The holder's birth date, from the identity number (GB 11643); null for a malformed one. */
export function birthDateOf(idNumber: string): string | null {
  const parsed = parseIdNumber(idNumber);
  return parsed.ok ? parsed.value.birthDate : null;
}

/**
 * What the holder's age and classes oblige them to do (R162 §65 as amended by R172, §74): exchange
 * classes no longer driven at 63 or 70, yearly medicals from 70, medicals every 3 years for C5.
 */
export function licenceDuties(
  l: { idNumber: string; classes: readonly LicenceClass[] },
  today: string,
): Duty[] {
  const birth = birthDateOf(l.idNumber);
  const age = birth ? ageOn(birth, today) : 0;
  const duties: Duty[] = [];
  const change = classesAtAge(l.classes, age);
  if (change.dropped.length) {
    const to = change.added.length ? change.added.join('、') : '其余准驾车型';
    const toEn = change.added.length ? change.added.join(', ') : 'the remaining classes';
    duties.push({
      code: 'CLASS_EXCHANGE_DUE',
      message: `已年满${age >= 70 ? 70 : 63}周岁，不得继续驾驶 ${change.dropped.join('、')} 准驾车型，应在30日内换领 ${to} 驾驶证（机动车驾驶证申领和使用规定 第六十五条）`,
      messageEn: `Aged ${age >= 70 ? 70 : 63} or over, the holder may no longer drive class ${change.dropped.join(', ')} and must exchange the licence for ${toEn} within 30 days (Article 65).`,
    });
  }
  if (age >= 70) {
    duties.push({
      code: 'ANNUAL_MEDICAL',
      message:
        '年满70周岁，应每年进行一次身体检查，并在记分周期结束后30日内提交身体条件证明（第七十四条）',
      messageEn:
        'Aged 70 or over, the holder must have a medical examination every year and submit the certificate within 30 days after each points cycle ends (Article 74).',
    });
  }
  if (l.classes.includes('C5')) {
    duties.push({
      code: 'C5_MEDICAL',
      message: '持有C5准驾车型，应每三年提交一次身体条件证明（第七十四条）',
      messageEn:
        'A holder of class C5 must submit a medical certificate every three years (Article 74).',
    });
  }
  return duties;
}
