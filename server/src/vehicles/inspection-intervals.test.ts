import { describe, expect, it } from 'vitest';
import {
  addMonths,
  exemptFromStation,
  firstValidUntil,
  intervalMonths,
  nextValidUntil,
  type InspectedVehicle,
} from './inspection-intervals.ts';

const car: InspectedVehicle = { vehicleType: 'small-car', useNature: 'non-operating', seats: 5 };
const taxi: InspectedVehicle = { vehicleType: 'small-car', useNature: 'operating', seats: 5 };
const bus: InspectedVehicle = { vehicleType: 'large-car', useNature: 'non-operating', seats: 40 };
const moto: InspectedVehicle = { vehicleType: 'motorcycle', useNature: 'non-operating', seats: 2 };

describe('inspection intervals (Cond §16) and the 2014/2022 exemptions', () => {
  it('follows the statutory table', () => {
    expect(intervalMonths(taxi, 4, 10)).toBe(12);
    expect(intervalMonths(taxi, 5, 10)).toBe(6);
    expect(intervalMonths(bus, 9, 10)).toBe(12);
    expect(intervalMonths(bus, 10, 10)).toBe(6);
    expect(intervalMonths(moto, 2, 10)).toBe(24);
    expect(intervalMonths(moto, 4, 10)).toBe(12);
    expect(intervalMonths({ ...moto, vehicleType: 'trailer' }, 1, 10)).toBe(12);
  });

  it('gives small private cars two-year intervals for 6 years before the reform, 10 after', () => {
    expect(intervalMonths(car, 6, 6)).toBe(12);
    expect(intervalMonths(car, 8, 10)).toBe(24);
    expect(intervalMonths(car, 10, 10)).toBe(12);
    expect(intervalMonths(car, 15, 10)).toBe(6);
    expect(intervalMonths({ ...car, seats: 11 }, 2, 10)).toBe(12);
  });

  it('exempts years 2, 4 and 8 under the 2022 reform; 6 and 10 go to a station', () => {
    const exempt = (year: number) =>
      exemptFromStation(car, '2016-05-10', `${2016 + year}-05-31`, 10, false);
    expect([2, 4, 6, 8, 10, 12].map(exempt)).toEqual([true, true, false, true, false, false]);
    // Before the reform (6 biennial years) only years 2 and 4.
    expect(exemptFromStation(car, '2016-05-10', '2024-05-31', 6, false)).toBe(false);
    expect(exemptFromStation(car, '2016-05-10', '2020-05-31', 6, false)).toBe(true);
    // A casualty accident, an operating car: normal inspection.
    expect(exemptFromStation(car, '2016-05-10', '2020-05-31', 10, true)).toBe(false);
    expect(exemptFromStation(taxi, '2016-05-10', '2020-05-31', 10, false)).toBe(false);
  });

  it('computes validity at registration and after a mark', () => {
    expect(firstValidUntil(car, '2026-11-26', 10)).toBe('2028-11-30');
    expect(firstValidUntil(taxi, '2026-11-26', 10)).toBe('2027-11-30');
    expect(nextValidUntil(car, '2020-05-01', '2022-05-31', '2022-04-01', 10)).toBe('2024-05-31');
    // Overdue by more than an interval: on to the next validity still ahead.
    expect(nextValidUntil(taxi, '2020-05-01', '2021-05-31', '2022-12-01', 10)).toBe('2023-05-31');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
});
