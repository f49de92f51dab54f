import { describe, expect, it } from 'vitest';
import { chineseNumber, legalBasisEn } from './legalBasis.ts';

describe('a legal basis in English', () => {
  it('names the regulation and numbers the article', () => {
    expect(legalBasisEn('机动车登记规定 第十三条')).toBe(
      'Provisions on Motor Vehicle Registration Art. 13',
    );
    expect(legalBasisEn('机动车驾驶证申领和使用规定 第八十三条第（五）项')).toBe(
      'Provisions on the Application for and Use of Motor Vehicle Driving Licences Art. 83 item (5)',
    );
  });

  it('keeps what it does not know as cited', () => {
    expect(legalBasisEn('车辆管理所预约服务工作规范（地方工作规范）')).toBe(
      '车辆管理所预约服务工作规范（地方工作规范）',
    );
  });

  it('reads Chinese numerals', () => {
    expect([
      chineseNumber('十'),
      chineseNumber('十五'),
      chineseNumber('四十'),
      chineseNumber('一百二十三'),
    ]).toEqual([10, 15, 40, 123]);
  });
});
