import {
  OUTLET_CATEGORIES,
  OUTLET_CATEGORY_NAMES_EN,
  OUTLET_CATEGORY_NAMES_ZH,
  type OutletCategory,
} from '#shared/catalog.ts';
import type { DbOrTx } from '../db/database.ts';
import { activeOutletsIn } from '../network/network.service.ts';
import { categoriesOffering } from './delegation.repository.ts';

/** Where else a refused business can be done, in Chinese and in English. */
export interface Alternatives {
  alternatives: string;
  alternativesEn: string;
}
export const NO_ALTERNATIVES: Alternatives = { alternatives: '', alternativesEn: '' };

const NOWHERE: Alternatives = {
  alternatives: '该业务暂未向任何网点开放，请咨询车管所',
  alternativesEn:
    'This business is not yet open at any outlet; please ask the vehicle administration office.',
};

interface PlacesQuery {
  cityCode: string;
  /** The county to name outlets in; without one, or with none there, the whole city. */
  countyCode: string | null;
  businessType: string;
  today: string;
}

/**
 * The categories of the city granted a business type today (in the catalog's order: the police
 * windows first) and up to three active outlets of them, in the county where there are any.
 */
async function placesOffering(db: DbOrTx, f: PlacesQuery, inPerson: boolean) {
  const granted = new Set(await categoriesOffering(db, f));
  const categories = OUTLET_CATEGORIES.filter(
    (c) => granted.has(c) && !(inPerson && c === 'internet'),
  );
  const near = (countyCode: string | null) =>
    activeOutletsIn(db, { cityCode: f.cityCode, countyCode, categories, limit: 3 });
  let outlets = f.countyCode ? await near(f.countyCode) : [];
  if (!outlets.length) outlets = await near(null);
  const names = (table: Record<OutletCategory, string>) => categories.map((c) => table[c]);
  return {
    categories,
    zh: names(OUTLET_CATEGORY_NAMES_ZH).join('、'),
    en: names(OUTLET_CATEGORY_NAMES_EN).join(', '),
    // Outlet names are proper names and stay Chinese in both languages.
    outlets: outlets.map((o) => o.name),
  };
}

/** "请到…办理": where an outlet's refused business can be done instead. */
export async function whereElse(db: DbOrTx, f: PlacesQuery): Promise<Alternatives> {
  const p = await placesOffering(db, f, false);
  if (!p.categories.length) return NOWHERE;
  const near = p.outlets.length ? `，就近可到：${p.outlets.join('、')}` : '';
  const nearEn = p.outlets.length ? ` Nearby outlets: ${p.outlets.join(', ')}.` : '';
  return {
    alternatives: `请到${p.zh}办理${near}`,
    alternativesEn: `Please apply at one of the following: ${p.en}.${nearEn}`,
  };
}

/**
 * Where a person must go when business is to be done on site, not online (R164 §74(五)): the
 * categories that take it in person and outlets near the person (`countyCode`, e.g. of their
 * identity number), so the one notice says where to go (一次告知).
 */
export async function inPersonPlaces(db: DbOrTx, f: PlacesQuery): Promise<Alternatives> {
  const p = await placesOffering(db, f, true);
  if (!p.categories.length) return NOWHERE;
  const near = p.outlets.length ? `，就近可到：${p.outlets.join('、')}` : '';
  const nearEn = p.outlets.length ? ` Nearby: ${p.outlets.join(', ')}.` : '';
  return {
    alternatives: `请携带本人有效身份证明到${p.zh}现场办理${near}`,
    alternativesEn: `Please bring valid proof of identity to one of the following in person: ${p.en}.${nearEn}`,
  };
}
