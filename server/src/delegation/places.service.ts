import {
  OUTLET_CATEGORIES,
  OUTLET_CATEGORY_NAMES_EN,
  OUTLET_CATEGORY_NAMES_ZH,
  type OutletCategory,
} from '#shared/catalog.ts';
import type { Db, DbOrTx } from '../db/database.ts';
import {
  activeOutletsIn,
  outletDirectory,
  outletNames,
  outletStanding,
} from '../network/network.service.ts';
import { grantsInForce, grantsOf } from './delegation.repository.ts';
import { decideForOutlet } from './delegation.rules.ts';
import { outletFacts } from './facts-cache.ts';

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
  /** The outlet that refused, never named as where to go instead. */
  exceptOutletCode?: string;
}

/** Outlets named as where to go: no more, so the notice stays readable. */
const NAMED = 3;
/**
 * Outlets of the granted categories weighed to find them: one whose grant was withdrawn, or
 * whose agreement does not cover the business, is passed over (a refusal path, not a hot one).
 */
const WEIGHED = 30;

/**
 * Whether an outlet would accept the business today (in person: not the internet outlet), by
 * the delegation rules over its facts.
 */
async function takesIt(db: DbOrTx, code: string, f: PlacesQuery, inPerson: boolean) {
  const standing = await outletStanding(db, code);
  if (!standing || (inPerson && standing.category === 'internet')) return false;
  const facts = { standing, grants: await grantsOf(db, standing) };
  const gaps = decideForOutlet(
    { ...facts, code: f.businessType, today: f.today, agentPresent: false, suspensionBasis: '' },
    { alternatives: '', alternativesEn: '' },
  );
  return gaps.length === 0;
}

/**
 * Up to three outlets of the county (or else of the city) that take the business today: of the
 * granted categories in their order, then those granted it one by one, each decided as its own
 * application would be — an outlet whose grant was withdrawn is never named.
 */
async function outletsTaking(
  db: DbOrTx,
  f: PlacesQuery,
  categories: OutletCategory[],
  direct: string[],
  inPerson: boolean,
) {
  const directNames = await outletNames(db, direct);
  const within = async (countyCode: string | null) => {
    const listed = await activeOutletsIn(db, {
      cityCode: f.cityCode,
      countyCode,
      categories,
      limit: WEIGHED,
    });
    const more = direct.flatMap((code) => {
      const o = directNames.get(code);
      const here = o && o.cityCode === f.cityCode && (!countyCode || o.countyCode === countyCode);
      return here && !listed.some((l) => l.code === code) ? [{ code, name: o.name }] : [];
    });
    const named: string[] = [];
    for (const o of [...listed, ...more]) {
      if (named.length === NAMED) break;
      if (o.code !== f.exceptOutletCode && (await takesIt(db, o.code, f, inPerson))) {
        named.push(o.name);
      }
    }
    return named;
  };
  const near = f.countyCode ? await within(f.countyCode) : [];
  return near.length ? near : await within(null);
}

/**
 * The categories of the city granted a business type today (in the catalog's order: the police
 * windows first) and up to three outlets that take it, in the county where there are any.
 */
async function placesOffering(db: DbOrTx, f: PlacesQuery, inPerson: boolean) {
  const grants = await grantsInForce(db, f);
  const granted = new Set(grants.categories);
  const categories = OUTLET_CATEGORIES.filter(
    (c) => granted.has(c) && !(inPerson && c === 'internet'),
  );
  const names = (table: Record<OutletCategory, string>) => categories.map((c) => table[c]);
  return {
    categories,
    zh: names(OUTLET_CATEGORY_NAMES_ZH).join('、'),
    en: names(OUTLET_CATEGORY_NAMES_EN).join(', '),
    // Outlet names are proper names and stay Chinese in both languages.
    outlets: await outletsTaking(db, f, categories, grants.outlets, inPerson),
  };
}

/** Where no category holds the business but some outlets hold it one by one: those outlets. */
function onlyAt(outlets: string[], before: string, after: string, en: string): Alternatives {
  if (!outlets.length) return NOWHERE;
  return {
    alternatives: `${before}${outlets.join('、')}${after}`,
    alternativesEn: `${en}: ${outlets.join(', ')}.`,
  };
}

/** "请到…办理": where an outlet's refused business can be done instead. */
export async function whereElse(db: DbOrTx, f: PlacesQuery): Promise<Alternatives> {
  const p = await placesOffering(db, f, false);
  if (!p.categories.length) return onlyAt(p.outlets, '请到', '办理', 'Please apply at');
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
  if (!p.categories.length) {
    const proof = '请携带本人有效身份证明到';
    return onlyAt(
      p.outlets,
      proof,
      '现场办理',
      'Please bring valid proof of identity in person to',
    );
  }
  const near = p.outlets.length ? `，就近可到：${p.outlets.join('、')}` : '';
  const nearEn = p.outlets.length ? ` Nearby: ${p.outlets.join(', ')}.` : '';
  return {
    alternatives: `请携带本人有效身份证明到${p.zh}现场办理${near}`,
    alternativesEn: `Please bring valid proof of identity to one of the following in person: ${p.en}.${nearEn}`,
  };
}

/**
 * Every outlet of the city that takes the business in person on `today` (not the internet
 * outlet, not a suspended one), each decided as its own application would be: where a citizen
 * may book an appointment for it. Only the outlets of a granted category, or granted it one by
 * one, are weighed.
 */
export async function outletsTakingInPerson(
  db: Db,
  f: { cityCode: string; businessType: string; today: string },
) {
  const [grants, directory] = await Promise.all([
    grantsInForce(db, f),
    outletDirectory(db, f.cityCode),
  ]);
  const categories = new Set<string>(grants.categories);
  const direct = new Set(grants.outlets);
  const taking = [];
  for (const o of directory.values()) {
    if (o.category === 'internet' || o.status !== 'active') continue;
    if (!categories.has(o.category) && !direct.has(o.code)) continue;
    const facts = await outletFacts(db, db, o.code);
    const gaps = facts
      ? decideForOutlet(
          {
            ...facts,
            code: f.businessType,
            today: f.today,
            agentPresent: false,
            suspensionBasis: '',
          },
          NO_ALTERNATIVES,
        )
      : [null];
    if (!gaps.length) taking.push(o);
  }
  return taking;
}
