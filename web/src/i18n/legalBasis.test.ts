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

  it('gives a range of articles and the decree a regulation was issued by', () => {
    expect(legalBasisEn('道路交通安全违法行为记分管理办法 第二十五条至第二十七条')).toBe(
      'Measures for Scoring Road Traffic Safety Violations Art. 25 to 27',
    );
    expect(legalBasisEn('机动车登记规定（公安部令第164号）第四十七条')).toBe(
      'Provisions on Motor Vehicle Registration (Ministry of Public Security Order No. 164) Art. 47',
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
