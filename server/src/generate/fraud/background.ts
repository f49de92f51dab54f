/**
 * The honest city around the plants: drivers who handle their own records (through the app,
 * at a window or a service centre, now and then late at night), the odd favour for a friend, and
 * the ordinary business of the legacy platform — mostly in person, sometimes online, rarely
 * with a one-off representative.
 */
import type { BusinessTypeCode } from '#shared/catalog.ts';
import type { Channel } from './truth.ts';
import type { City, Outlet, Person, Vehicle, Violation } from './world.ts';

const ORDINARY_BUSINESS: readonly BusinessTypeCode[] = [
  'vehicle.inspection-mark',
  'vehicle.inspection-mark',
  'vehicle.licence-reissue',
  'vehicle.certificate-reissue',
  'licence.renew',
  'licence.reissue',
  'vehicle.change',
];

/** How many camera records a vehicle collects in the period. */
function recordCount(city: City): number {
  const u = city.random.next();
  return u < 0.55 ? 0 : u < 0.8 ? 1 : u < 0.92 ? 2 : u < 0.98 ? 3 : 4;
}

/** A person handles a record of their own, the way honest people do. */
export function handleOwn(city: City, v: Violation, driver: Person, outlet?: Outlet) {
  const day = city.handlingDay(v.day);
  const u = city.random.next();
  const channel: Channel = outlet
    ? 'window'
    : u < 0.65
      ? 'internet'
      : u < 0.95
        ? 'window'
        : 'social';
  if (channel === 'internet') {
    // Evenings are when people clear their records; a few are night owls.
    const at = city.random.chance(0.05) ? city.at(day, 23, 25) : city.at(day, 7, 23);
    city.handle(v, driver, { at, channel, phone: driver.phone, device: driver.device });
    return;
  }
  const d = city.nextWorkday(day);
  const where =
    outlet ??
    (channel === 'social'
      ? city.near(['service-centre'], driver.county)
      : city.windowOutlet(driver.county));
  city.handle(v, driver, { at: city.officeHours(d), channel, outlet: where, phone: driver.phone });
}

/**
 * `n` honest people of the city, most of them licensed owners of one car (a few of two), with
 * their records and their business. Returns them, so plants can draw customers from them.
 */
export function plantBackground(city: City, n: number): Person[] {
  const people: Person[] = [];
  for (let i = 0; i < n; i++) people.push(city.person(city.county()));
  const fleet: { v: Vehicle; owner: Person }[] = [];
  for (const p of people) {
    if (!city.random.chance(0.72)) continue;
    for (let k = city.random.chance(0.1) ? 2 : 1; k > 0; k--) {
      fleet.push({ v: city.vehicle(p, p.county), owner: p });
    }
  }
  for (const { v, owner } of fleet) {
    for (let r = recordCount(city); r > 0; r--) {
      const record = city.violation(v, city.random.int(0, city.days - 1));
      const u = city.random.next();
      if (u < 0.06) continue; // not handled yet
      if (u < 0.09) {
        // A friend takes it: unrelated, with their own phone, once.
        const friend = city.random.pick(people);
        if (friend !== owner && friend.points + record.points < 12) {
          handleOwn(city, record, friend);
          continue;
        }
      }
      handleOwn(city, record, owner);
    }
  }
  for (const p of people) {
    if (city.random.chance(0.35)) ordinaryBusiness(city, p, people);
  }
  return people;
}

/** One application of an honest person: at a window or post point of the county, or online. */
export function ordinaryBusiness(
  city: City,
  p: Person,
  people: readonly Person[],
  outlet?: Outlet,
) {
  const businessType = city.random.pick(ORDINARY_BUSINESS);
  const u = city.random.next();
  const refused = city.random.chance(0.06);
  if (
    !outlet &&
    u < 0.15 &&
    businessType !== 'vehicle.change' &&
    businessType !== 'vehicle.certificate-reissue'
  ) {
    const day = city.random.int(0, city.days - 1);
    city.apply({
      businessType,
      outlet: null,
      channel: 'internet',
      applicant: p,
      device: p.device,
      at: city.at(day, 7, 23),
      refused,
    });
    return;
  }
  const social = !outlet && u < 0.35 && businessType !== 'vehicle.change';
  const where = outlet ?? (social ? city.near(['post'], p.county) : city.windowOutlet(p.county));
  // Now and then a relative or friend comes instead, once.
  const agent = city.random.chance(0.04) ? city.random.pick(people) : undefined;
  city.apply({
    businessType,
    outlet: where,
    channel: social ? 'social' : 'window',
    applicant: p,
    ...(agent && agent !== p ? { agent } : {}),
    at: city.officeHours(city.workday()),
    refused,
  });
}
