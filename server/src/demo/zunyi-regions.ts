/**
 * Zunyi (遵义市, Guizhou) and its 14 county-level divisions, with their GB/T 2260 codes.
 * Pure data: no I/O. Order is the official code order.
 */

export interface ZunyiCity {
  code: string;
  name: string;
  nameEn: string;
}

export interface ZunyiCounty {
  /** GB/T 2260 code, six digits. */
  code: string;
  /** Official full name, e.g. 道真仡佬族苗族自治县. */
  name: string;
  /** Name in everyday use, e.g. 道真县; equals `name` where there is no shorter form. */
  shortName: string;
  /** Pinyin name, e.g. 'Honghuagang District'. */
  nameEn: string;
}

export const ZUNYI_CITY: ZunyiCity = { code: '520300', name: '遵义市', nameEn: 'Zunyi City' };

export const ZUNYI_COUNTIES: ZunyiCounty[] = [
  { code: '520302', name: '红花岗区', shortName: '红花岗区', nameEn: 'Honghuagang District' },
  { code: '520303', name: '汇川区', shortName: '汇川区', nameEn: 'Huichuan District' },
  { code: '520304', name: '播州区', shortName: '播州区', nameEn: 'Bozhou District' },
  { code: '520322', name: '桐梓县', shortName: '桐梓县', nameEn: 'Tongzi County' },
  { code: '520323', name: '绥阳县', shortName: '绥阳县', nameEn: 'Suiyang County' },
  { code: '520324', name: '正安县', shortName: '正安县', nameEn: "Zheng'an County" },
  {
    code: '520325',
    name: '道真仡佬族苗族自治县',
    shortName: '道真县',
    nameEn: 'Daozhen Gelao and Miao Autonomous County',
  },
  {
    code: '520326',
    name: '务川仡佬族苗族自治县',
    shortName: '务川县',
    nameEn: 'Wuchuan Gelao and Miao Autonomous County',
  },
  { code: '520327', name: '凤冈县', shortName: '凤冈县', nameEn: 'Fenggang County' },
  { code: '520328', name: '湄潭县', shortName: '湄潭县', nameEn: 'Meitan County' },
  { code: '520329', name: '余庆县', shortName: '余庆县', nameEn: 'Yuqing County' },
  { code: '520330', name: '习水县', shortName: '习水县', nameEn: 'Xishui County' },
  { code: '520381', name: '赤水市', shortName: '赤水市', nameEn: 'Chishui City' },
  { code: '520382', name: '仁怀市', shortName: '仁怀市', nameEn: 'Renhuai City' },
];

/** The three districts served directly by the city office and its two branches (no county office). */
export const ZUNYI_URBAN_DISTRICTS: readonly string[] = ['520302', '520303', '520304'];

export function zunyiCounty(code: string): ZunyiCounty {
  const county = ZUNYI_COUNTIES.find((c) => c.code === code);
  if (!county) throw new Error(`unknown Zunyi county code ${code}`);
  return county;
}
