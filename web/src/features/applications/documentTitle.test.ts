import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { documentTitleKey } from './documentTitle.ts';

/** The text an i18n key names in a resource tree (`application.noticeSeries.SL`). */
const textOf = (tree: object, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);

describe('the title printed for a document', () => {
  it('names a notice by its series: acceptance (SL), deregistration (ZX), earlier mortgage record (DY), refusal (GZ)', () => {
    const titles = (number: string) => [
      textOf(zhCN, documentTitleKey('notice', number)),
      textOf(en, documentTitleKey('notice', number)),
    ];
    expect(titles('SL520300202600000001')).toEqual(['受理通知书', 'Acceptance notice']);
    expect(titles('ZX520300202600000002')).toEqual(['注销证明', 'Deregistration certificate']);
    expect(titles('DY520300202600000003')).toEqual(['抵押登记证明', 'Mortgage record']);
    expect(titles('GZ520300202600000004')).toEqual(['一次性告知书', 'Refusal notice']);
  });

  it('names every other document by its kind', () => {
    expect(textOf(zhCN, documentTitleKey('registration-certificate', 'DJ1'))).toBe(
      '机动车登记证书',
    );
    expect(textOf(en, documentTitleKey('plate', 'SL-looking plate'))).toBe('Plate');
  });
});
