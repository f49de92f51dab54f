import { useQuery } from '@tanstack/react-query';
import type { OutletBusinessTypes } from '#shared/schemas/delegation.ts';
import type { PlateCandidates, VehicleResponse } from '#shared/schemas/vehicles.ts';
import { api } from '../../lib/api.ts';

export type Vehicle = VehicleResponse;
/** A business type as the clerk's outlet may (or may not, and why) accept it today. */
export type OfferedBusinessType = OutletBusinessTypes['items'][number];

/** The registry's vehicle for a (canonical) plate; null until a plate is asked for. */
export const useVehicleByPlate = (plate: string | null) =>
  useQuery({
    queryKey: ['vehicles', 'by-plate', plate],
    queryFn: () => api<Vehicle>(`/vehicles/by-plate/${encodeURIComponent(plate!)}`),
    enabled: !!plate,
  });

/** Under ['delegation']: a change of grants or a suspension refetches it. */
export const useOfferedBusinessTypes = () =>
  useQuery({
    queryKey: ['delegation', 'me', 'business-types'],
    queryFn: () => api<OutletBusinessTypes>('/me/business-types'),
  });

/**
 * Random free numbers of a plate layout (R164 §43); `draw` counts the clerk's requests, so each
 * press of the button brings a fresh set. Nothing is held until a registration takes one.
 */
export const usePlateCandidates = (vehicleType: string | undefined, draw: number) =>
  useQuery({
    queryKey: ['plates', 'candidates', vehicleType, draw],
    queryFn: () =>
      api<PlateCandidates>(
        `/plates/candidates?vehicleType=${encodeURIComponent(vehicleType!)}&count=5`,
      ),
    enabled: !!vehicleType && draw > 0,
    staleTime: Infinity,
  });
