import { computeIdNumberCheckCharacter, withVinCheckDigit } from '#shared/validators/index.ts';
import type { NewVehicleRow } from '../db/types.ts';
import { ZUNYI_COUNTIES } from './zunyi-regions.ts';

/**
 * A deterministic demo registry for the Zunyi office: enough vehicles to try every business,
 * including the article's own story (a lost 行驶证 reissued on a weekend) and vehicles in each
 * status that must be refused.
 */
const COUNTIES = ZUNYI_COUNTIES.map((c) => c.code);
/** Surnames and given names of the demo people (also the generated city's). */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤敖';
export const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '建华',
  '晓燕',
  '志强',
  '海燕',
  '文',
  '俊',
  '红梅',
  '玉兰',
];
/** Makes sold in the city: world manufacturer identifier, brand, models. */
export const MAKES: [wmi: string, brand: string, models: string[]][] = [
  ['LSV', '大众', ['朗逸', '帕萨特', '途观L']],
  ['LFV', '一汽-大众', ['速腾', '迈腾', '宝来']],
  ['LGB', '东风日产', ['轩逸', '奇骏']],
  ['LVG', '广汽丰田', ['凯美瑞', '雷凌']],
  ['LGX', '比亚迪', ['秦PLUS', '汉', '宋PLUS']],
  ['LB3', '吉利', ['帝豪', '博越']],
  ['LS5', '长安', ['CS75', '逸动']],
  ['LHG', '广汽本田', ['雅阁', '缤智']],
];
export const SERIAL_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'; // plates: no I or O
export const VIN_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'; // VINs: no I, O or Q
const YEAR_CODES: Record<number, string> = {
  2012: 'C',
  2013: 'D',
  2014: 'E',
  2015: 'F',
  2016: 'G',
  2017: 'H',
  2018: 'J',
  2019: 'K',
  2020: 'L',
  2021: 'M',
  2022: 'N',
  2023: 'P',
  2024: 'R',
  2025: 'S',
  2026: 'T',
};

/** A valid synthetic identity number (GB 11643) born in the given county. */
export function demoIdNumber(county: string, birth: string, seq: number): string {
  const first17 = `${county}${birth.replace(/-/g, '')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + computeIdNumberCheckCharacter(first17);
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** The article's story: 敖先生's car, whose 行驶证 was lost. */
export const STORY_VEHICLE = {
  plate: '贵CA8830',
  ownerName: '敖先生',
  ownerIdNumber: demoIdNumber('520302', '1985-05-12', 11),
};

export function buildDemoVehicles(count = 3000): NewVehicleRow[] {
  const rows: NewVehicleRow[] = [];
  for (let i = 0; i < count; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const [wmi, brand, models] = MAKES[i % MAKES.length]!;
    const year = 2012 + (i % 15);
    const newEnergy = brand === '比亚迪';
    const vin = withVinCheckDigit(
      `${wmi}${VIN_LETTERS[i % 23]}${pad(i % 1000, 3)}1*${YEAR_CODES[year]}A${pad(100000 + i, 6)}`,
    );
    const serial = `${SERIAL_LETTERS[Math.floor(i / 10000) % 24]}${pad(i % 10000, 4)}`;
    const plate = newEnergy ? `贵CD${pad(10000 + i, 5).slice(-5)}` : `贵C${serial}`;
    const birthYear = 1960 + (i % 40);
    const registered = `${Math.min(year + 1, 2026)}-${pad((i % 12) + 1, 2)}-${pad((i % 27) + 1, 2)}`;
    rows.push({
      city_code: '520300',
      county_code: county,
      vin,
      plate,
      vehicle_type: newEnergy ? 'small-new-energy' : 'small-car',
      use_nature: i % 17 === 0 ? 'operating' : 'non-operating',
      seats: 5,
      brand,
      model: models[i % models.length]!,
      owner_id_number: demoIdNumber(
        county,
        `${birthYear}-${pad((i % 12) + 1, 2)}-${pad((i % 28) + 1, 2)}`,
        100 + (i % 800),
      ),
      owner_name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
      owner_phone: `139${pad(8510000 + i, 8)}`,
      status:
        i % 97 === 5
          ? 'stolen'
          : i % 89 === 7
            ? 'deregistered'
            : i % 83 === 9
              ? 'scrap-due'
              : i % 11 === 3
                ? 'mortgaged'
                : 'normal',
      registered_on: registered,
      manufactured_on: `${year}-01-15`,
      inspection_valid_until: `${2027 + (i % 2)}-${pad((i % 12) + 1, 2)}-28`,
    });
  }
  // The story vehicle replaces the first one, with its own plate and owner: a private car,
  // which no age retires (an operating car of 2013 would be past its scrapping age).
  rows[0] = {
    ...rows[0]!,
    plate: STORY_VEHICLE.plate,
    owner_name: STORY_VEHICLE.ownerName,
    owner_id_number: STORY_VEHICLE.ownerIdNumber,
    use_nature: 'non-operating',
    status: 'normal',
  };
  return rows;
}
