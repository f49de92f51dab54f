/**
 * Hard negatives: the patterns of ordinary life that look like rings to a naive detector and
 * must not be flagged — families sharing a phone and each other's points, company fleets, dealers
 * and registration stations acting as agent at their own outlet, driving schools, busy honest
 * clerks and night-shift outlets.
 */
import { SURNAMES } from '../../demo/demo-vehicles.ts';
import { ordinaryBusiness } from './background.ts';
import type { NegativeGroup } from './truth.ts';
import type { City, Customers, Outlet, Person, Vehicle } from './world.ts';

/** A household of 2–5 sharing a phone (and often a tablet) and each other's points. */
export function plantFamily(city: City): NegativeGroup {
  const county = city.county();
  const surname = city.random.pick([...SURNAMES]);
  const head = city.person(county, { surname });
  const home = { phone: head.phone, device: city.newDevice() };
  const members: Person[] = [head, city.person(city.random.chance(0.7) ? county : city.county())];
  for (let k = city.random.int(0, 3); k > 0; k--) members.push(city.person(county, { surname }));
  const cars: Vehicle[] = [];
  for (let k = city.random.int(1, Math.min(3, members.length)); k > 0; k--) {
    const owner = members[cars.length % 2]!;
    cars.push(city.vehicle({ ...owner, phone: home.phone }, county));
  }
  for (const car of cars) {
    for (let r = city.random.int(1, 4); r > 0; r--) {
      const record = city.violation(car, city.random.int(0, city.days - 1));
      const owner = members.find((m) => m.idNumber === car.owner.idNumber)!;
      const driver = city.random.chance(0.45) ? owner : city.random.pick(members);
      if (driver.points + record.points >= 12) continue;
      const day = city.handlingDay(record.day);
      if (city.random.chance(0.7)) {
        city.handle(record, driver, {
          at: city.at(day, 7, 24),
          channel: 'internet',
          phone: city.random.chance(0.6) ? home.phone : driver.phone,
          device: city.random.chance(0.5) ? home.device : driver.device,
        });
      } else {
        city.handle(record, driver, {
          at: city.officeHours(city.nextWorkday(day)),
          channel: 'window',
          outlet: city.windowOutlet(county),
          phone: home.phone,
        });
      }
    }
  }
  return {
    id: city.groupId('family'),
    kind: 'family',
    people: members.map((m) => m.idNumber),
    staff: [],
    note: `${members.length} people, ${cars.length} cars, one home phone`,
  };
}

/** A company whose employed drivers handle the company's vehicles, often through the office. */
export function plantFleet(city: City, small: boolean): NegativeGroup {
  const county = city.county();
  const company = city.organisation(
    county,
    `遵义${city.random.pick(['顺达', '黔运', '通汇', '安捷', '汇通', '速邦'])}${city.random.pick(['物流', '运输', '出租汽车', '客运'])}有限公司`,
  );
  const manager = { phone: city.newPhone(), device: city.newDevice() };
  const vehicles = Array.from(
    { length: small ? city.random.int(5, 10) : city.random.int(6, 40) },
    () => city.vehicle(company, county, { operating: true, large: city.random.chance(0.3) }),
  );
  const drivers = Array.from(
    // Drivers share the vehicles in shifts, so many drive (and handle) more than three.
    { length: Math.max(3, Math.round((vehicles.length * city.random.int(3, 8)) / 10)) },
    () => city.person(city.random.chance(0.8) ? county : city.county()),
  );
  const office = city.windowOutlet(county);
  vehicles.forEach((car, i) => {
    const primary = drivers[i % drivers.length]!;
    for (let r = city.random.int(1, 3); r > 0; r--) {
      const record = city.violation(car, city.random.int(0, city.days - 1));
      const candidates = city.random.chance(0.6)
        ? [primary, city.random.pick(drivers)]
        : [city.random.pick(drivers), primary];
      const driver = candidates.find((d) => d.points + record.points < 12);
      if (!driver) continue;
      const day = city.handlingDay(record.day);
      if (city.random.chance(0.5)) {
        city.handle(record, driver, {
          at: city.officeHours(city.nextWorkday(day)),
          channel: 'window',
          outlet: office,
          phone: company.phone,
        });
      } else {
        city.handle(record, driver, {
          at: city.at(day, 8, 20),
          channel: 'internet',
          phone: manager.phone,
          device: manager.device,
        });
      }
    }
  });
  return {
    id: city.groupId('fleet'),
    kind: 'fleet',
    people: [company.idNumber, ...drivers.map((d) => d.idNumber)],
    staff: [],
    note: `${company.name}: ${vehicles.length} vehicles, ${drivers.length} drivers`,
  };
}

/**
 * A dealer or registration station whose own employees act as agent for its customers, at its
 * own outlet, on its terminal, every day including weekends.
 */
export function plantOutletAgency(
  city: City,
  kind: 'dealer' | 'registration-station',
  outlet: Outlet,
  customers: Customers,
): NegativeGroup {
  const agents = Array.from({ length: city.random.int(1, 3) }, () =>
    city.person(outlet.countyCode),
  );
  const terminal = `${outlet.code}-T1`;
  const types =
    outlet.category === 'used-car-market'
      ? (['vehicle.transfer'] as const)
      : (['vehicle.register', 'vehicle.register', 'vehicle.temp-plate'] as const);
  const served = customers(city.random.int(15, 60));
  for (const applicant of served) {
    city.apply({
      businessType: city.random.pick(types),
      outlet,
      channel: 'social',
      applicant,
      agent: city.random.pick(agents),
      device: terminal,
      at: city.at(city.random.int(0, city.days - 1), 9, 18),
      refused: city.random.chance(0.03),
    });
  }
  return {
    id: city.groupId(kind),
    kind,
    people: agents.map((a) => a.idNumber),
    staff: outlet.staff,
    note: `${outlet.code}: ${agents.length} employees as agent for ${served.length} customers`,
  };
}

/** A driving school: two staff on the school's phone apply for its learners at one office. */
export function plantDrivingSchool(city: City, office: Outlet): NegativeGroup {
  const schoolPhone = city.newPhone();
  const agents = [0, 1].map(() => city.person(office.countyCode, { phone: schoolPhone }));
  const learners = Array.from({ length: city.random.int(20, 60) }, () =>
    city.person(office.countyCode, { licensed: false }),
  );
  for (const learner of learners) {
    const agent = city.random.pick(agents);
    const first = city.workday(0);
    city.apply({
      businessType: 'licence.apply',
      outlet: office,
      channel: 'window',
      applicant: learner,
      agent,
      at: city.officeHours(first),
    });
    for (let k = city.random.int(1, 3); k > 0; k--) {
      city.apply({
        businessType: 'exam.book',
        outlet: office,
        channel: 'window',
        applicant: learner,
        agent,
        at: city.officeHours(city.workday(first)),
      });
    }
  }
  return {
    id: city.groupId('driving-school'),
    kind: 'driving-school',
    people: agents.map((a) => a.idNumber),
    staff: [],
    note: `2 school staff on one phone for ${learners.length} learners at ${office.code}`,
  };
}

/** The office's first clerk takes 55 % of its work that names no clerk, from now on. */
export function leanOnBusyClerk(city: City, office: Outlet) {
  city.lean(office, office.staff[0]!, 0.55);
}

/**
 * A clerk who takes a large share of a busy office's work (the office's customers are honest);
 * `leanOnBusyClerk` was called for the office before the honest city was planted.
 */
export function plantBusyClerk(
  city: City,
  office: Outlet,
  people: readonly Person[],
): NegativeGroup {
  const clerk = office.staff[0]!;
  const local = people.filter((p) => p.county === office.countyCode);
  for (let k = 0; k < 40; k++)
    ordinaryBusiness(city, city.random.pick(local.length ? local : people), people, office);
  return {
    id: city.groupId('busy-clerk'),
    kind: 'busy-clerk',
    people: [],
    staff: [clerk],
    note: `${clerk} takes over half of ${office.code}'s work`,
  };
}

/** An outlet with an evening shift: honest people handle records and business there until midnight. */
export function plantNightShift(
  city: City,
  outlet: Outlet,
  people: readonly Person[],
): NegativeGroup {
  const shift = outlet.staff;
  const visitors = city.random.sample(people, 60);
  for (const p of visitors) {
    const car = city.vehicle(p, p.county);
    const record = city.violation(car, city.random.int(0, city.days - 2));
    const day = Math.min(city.handlingDay(record.day), city.days - 2);
    if (p.points + record.points < 12) {
      city.handle(record, p, {
        at: city.at(day, 19, 24),
        channel: 'window',
        outlet,
        staff: city.random.pick(shift),
        phone: p.phone,
      });
    }
    if (city.random.chance(0.4)) {
      city.apply({
        businessType: 'vehicle.licence-reissue',
        outlet,
        staff: city.random.pick(shift),
        channel: 'window',
        applicant: p,
        plate: car.plate,
        at: city.at(city.random.int(0, city.days - 2), 19, 24),
      });
    }
  }
  return {
    id: city.groupId('night-shift'),
    kind: 'night-shift',
    people: [],
    staff: shift,
    note: `${outlet.code} serves ${visitors.length} people in the evening`,
  };
}
