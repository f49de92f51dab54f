/**
 * The planted rings, built to be hard to find: point-trading rings down to three drivers, most
 * of them keeping every member under the national caps, their members also handling their own
 * records, the broker's phones and devices mixed with the members' own, across the app, windows
 * and service centres; illegal agents rotating identities behind one phone and device; insiders
 * handling most of one agent's business, often after hours.
 */
import type { BusinessTypeCode } from '#shared/catalog.ts';
import { handleOwn } from './background.ts';
import type { PlantedRing } from './truth.ts';
import {
  WINDOWS,
  type City,
  type Customers,
  type Outlet,
  type Person,
  type Violation,
} from './world.ts';

const RING_SIZES = [3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 10, 12, 15] as const;

/** A point-trading ring of `size` sellers; `overCaps` lets some sellers take 4–7 vehicles. */
export function plantPointTrading(
  city: City,
  overCaps: boolean,
  size = city.random.pick(RING_SIZES),
): PlantedRing {
  const r = city.random;
  const county = city.county();
  const broker = {
    phones: Array.from({ length: r.int(1, 3) }, () => city.newPhone()),
    devices: Array.from({ length: r.int(1, 2) }, () => city.newDevice()),
    outlets: [
      city.windowOutlet(county),
      city.near(r.chance(0.5) ? ['service-centre'] : WINDOWS, county),
    ],
  };
  const style = {
    internet: 0.2 + r.next() * 0.7,
    brokerPhone: 0.5 + r.next() * 0.45,
    brokerDevice: 0.6 + r.next() * 0.4,
    night: 0.2 + r.next() * 0.6,
    batchDays: Array.from({ length: r.int(3, 8) }, () => r.int(0, city.days - 1)),
  };
  const sellers = Array.from({ length: size }, () =>
    city.person(r.chance(0.6) ? county : city.county()),
  );
  const buyers: Person[] = [];
  const plates: string[] = [];
  const trades: { seller: Person; record: Violation }[] = [];
  const owned: { seller: Person; record: Violation }[] = [];
  for (const seller of sellers) {
    // Camouflage: most sellers own a car and handle its records themselves (below, once the
    // trades have left room for the points).
    if (r.chance(0.6)) {
      const own = city.vehicle(seller, seller.county);
      for (let k = r.int(1, 2); k > 0; k--) {
        owned.push({ seller, record: city.violation(own, r.int(0, city.days - 1)) });
      }
    }
    const many = overCaps && r.chance(0.5);
    for (let k = many ? r.int(4, 7) : r.int(1, 3); k > 0; k--) {
      const buyer = city.person(city.county());
      buyers.push(buyer);
      const car = city.vehicle(buyer, buyer.county);
      plates.push(car.plate);
      // A second seller takes some of the same car's records (never more than three a car).
      const takers = r.chance(0.2) ? [seller, r.pick(sellers)] : [seller];
      for (const taker of takers) {
        for (let n = many ? 1 : r.int(1, 2); n > 0; n--) {
          trades.push({
            seller: taker,
            record: city.violation(car, r.int(0, city.days - 1), {
              weight: many ? 'light' : 'heavy',
            }),
          });
        }
      }
    }
  }
  const served = new Set<string>();
  for (const { seller, record } of trades) {
    if (seller.points + record.points >= 12) continue;
    // Each seller's first trade goes through the broker, so every member is tied to the ring.
    const first = !served.has(seller.idNumber);
    served.add(seller.idNumber);
    const onBatch = r.chance(0.8);
    const day = Math.max(
      record.day,
      onBatch ? r.pick(style.batchDays) : city.handlingDay(record.day),
    );
    const phone = first || r.chance(style.brokerPhone) ? r.pick(broker.phones) : seller.phone;
    if (r.chance(style.internet)) {
      const device = first || r.chance(style.brokerDevice) ? r.pick(broker.devices) : seller.device;
      const at = r.chance(style.night)
        ? city.at(Math.min(day, city.days - 2), 22, 26)
        : city.at(day, 9, 22);
      city.handle(record, seller, { at, channel: 'internet', phone, device });
    } else {
      const outlet = r.pick(broker.outlets);
      city.handle(record, seller, {
        at: city.officeHours(city.nextWorkday(day)),
        channel: outlet.category === 'service-centre' ? 'social' : 'window',
        outlet,
        phone,
      });
    }
  }
  for (const { seller, record } of owned) {
    if (seller.points + record.points < 12) handleOwn(city, record, seller);
  }
  return {
    id: city.groupId('point-trading'),
    kind: 'point-trading',
    // A seller whose trades all found no room for the points took none: not a member in the data.
    people: sellers.filter((s) => served.has(s.idNumber)).map((s) => s.idNumber),
    staff: [],
    associates: buyers.map((b) => b.idNumber),
    phones: broker.phones,
    devices: broker.devices,
    plates,
    underCaps: !overCaps,
    note: `${size} sellers for ${buyers.length} buyers, ${Math.round(style.internet * 100)}% online`,
  };
}

const AGENT_BUSINESS: readonly BusinessTypeCode[] = [
  'vehicle.licence-reissue',
  'vehicle.certificate-reissue',
  'vehicle.plate-reissue',
  'vehicle.inspection-mark',
  'licence.renew',
  'licence.reissue',
  'vehicle.transfer',
];

interface Agent {
  identities: Person[];
  phones: string[];
  device: string;
}

function newAgent(city: City, county: string): Agent {
  const phones = Array.from({ length: city.random.int(1, 2) }, () => city.newPhone());
  const identities = Array.from(
    { length: city.random.chance(0.3) ? 1 : city.random.int(2, 4) },
    () =>
      city.person(city.random.chance(0.7) ? county : city.county(), {
        phone: city.random.pick(phones),
      }),
  );
  return { identities, phones, device: city.newDevice() };
}

/**
 * One business an agent does for a customer: in person as representative under one of the
 * identities, or online in the customer's name from the agent's phone and device.
 */
function agentBusiness(
  city: City,
  agent: Agent,
  applicant: Person,
  outlet: Outlet,
  o: { staff?: string; at?: string; businessType?: BusinessTypeCode } = {},
) {
  const r = city.random;
  const businessType = o.businessType ?? r.pick(AGENT_BUSINESS);
  const phone = r.pick(agent.phones);
  if (
    !o.staff &&
    r.chance(0.25) &&
    businessType !== 'vehicle.transfer' &&
    businessType !== 'vehicle.plate-reissue'
  ) {
    city.apply({
      businessType,
      outlet: null,
      channel: 'internet',
      applicant: r.chance(0.7) ? { ...applicant, phone } : applicant,
      device: agent.device,
      at: city.at(r.int(0, city.days - 1), 8, 23),
      refused: r.chance(0.12),
    });
    return;
  }
  const representative = r.pick(agent.identities);
  city.apply({
    businessType,
    outlet,
    ...(o.staff ? { staff: o.staff } : {}),
    channel: outlet.category === 'post' ? 'social' : 'window',
    applicant: r.chance(0.5) ? { ...applicant, phone } : applicant,
    agent: { ...representative, phone },
    at: o.at ?? city.officeHours(city.workday()),
    refused: r.chance(0.12),
  });
}

/** An illegal agent: 1–4 identities on shared phones and a device, for 10–50 unrelated customers. */
export function plantIllegalAgent(city: City, customers: Customers): PlantedRing {
  const county = city.county();
  const agent = newAgent(city, county);
  const outlets = Array.from({ length: city.random.int(2, 5) }, () =>
    city.near(
      city.random.chance(0.7) ? WINDOWS : ['post'],
      city.random.chance(0.7) ? county : city.county(),
    ),
  );
  const served = customers(city.random.int(10, 50));
  for (const applicant of served) {
    for (let k = city.random.chance(0.3) ? 2 : 1; k > 0; k--)
      agentBusiness(city, agent, applicant, city.random.pick(outlets));
  }
  return ring(
    city,
    'illegal-agent',
    agent,
    [],
    served,
    `${agent.identities.length} identities for ${served.length} customers at ${outlets.length} outlets`,
  );
}

/**
 * Insider collusion: an agent does most of its business at one office, where one clerk handles
 * most of it, half of it after hours or at weekends, with reissues over-represented. Also an
 * illegal agent in its own right, so both rings are planted.
 */
export function plantInsider(city: City, customers: Customers): PlantedRing[] {
  const r = city.random;
  const county = city.county();
  const office = city.near(['city-office', 'branch-office', 'county-office'], county);
  // Never the office's busy clerk: a hard negative is honest by definition, and one clerk both
  // honest and colluding would make the truth contradict itself.
  const insider = r.pick(office.staff.filter((s) => s !== city.leaningOn(office)));
  const agent = newAgent(city, county);
  const elsewhere = city.windowOutlet(city.county());
  const served = customers(r.int(15, 45));
  for (const applicant of served) {
    for (let k = r.chance(0.4) ? 2 : 1; k > 0; k--) {
      if (!r.chance(0.8)) {
        agentBusiness(city, agent, applicant, elsewhere);
        continue;
      }
      const day = r.int(0, city.days - 1);
      const offHours = r.chance(0.5);
      agentBusiness(city, agent, applicant, office, {
        staff: r.chance(0.85) ? insider : r.pick(office.staff),
        at: offHours
          ? city.isWorkday(day)
            ? city.at(day, 17, 21)
            : city.at(day, 9, 17)
          : city.officeHours(city.nextWorkday(day)),
        ...(r.chance(0.5)
          ? {
              businessType: r.pick([
                'vehicle.plate-reissue',
                'vehicle.certificate-reissue',
                'vehicle.licence-reissue',
              ] as const),
            }
          : {}),
      });
    }
  }
  const note = `${insider} handles the business of ${agent.identities.length} agent identities for ${served.length} customers`;
  return [
    ring(city, 'insider-collusion', agent, [insider], served, note),
    ring(city, 'illegal-agent', agent, [], served, note),
  ];
}

function ring(
  city: City,
  kind: PlantedRing['kind'],
  agent: Agent,
  staff: string[],
  served: Person[],
  note: string,
): PlantedRing {
  return {
    id: city.groupId(kind),
    kind,
    people: agent.identities.map((p) => p.idNumber),
    staff,
    associates: served.map((p) => p.idNumber),
    phones: agent.phones,
    devices: [agent.device],
    plates: [],
    underCaps: true,
    note,
  };
}
