/** Pure validators for Chinese vehicle-administration identifiers. */
export * from './id-number.ts';
export * from './vin.ts';
export * from './plate.ts';
export * from './uscc.ts';
