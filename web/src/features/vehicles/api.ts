import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  flagRequestSchema,
  VehicleFlagsResponse,
  vehicleHistorySchema,
} from '#shared/schemas/vehicles.ts';
import { api } from '../../lib/api.ts';
import type { Vehicle } from '../workstation/api.ts';

export type VehicleHistory = z.infer<typeof vehicleHistorySchema>;
export type FlagRequest = z.infer<typeof flagRequestSchema>;
export type Flag = FlagRequest['flag'];

/** Under ['vehicles', vin]: a flag set or lifted refetches the whole file. */
const keys = {
  file: (vin: string) => ['vehicles', vin] as const,
  record: (vin: string) => ['vehicles', vin, 'record'] as const,
  flags: (vin: string) => ['vehicles', vin, 'flags'] as const,
  history: (vin: string) => ['vehicles', vin, 'history'] as const,
};

export const useVehicleRecord = (vin: string) =>
  useQuery({
    queryKey: keys.record(vin),
    queryFn: () => api<Vehicle>(`/vehicles/by-vin/${encodeURIComponent(vin)}`),
  });

export const useVehicleFlags = (vin: string) =>
  useQuery({
    queryKey: keys.flags(vin),
    queryFn: () => api<VehicleFlagsResponse>(`/vehicles/${encodeURIComponent(vin)}/flags`),
  });

export const useVehicleHistory = (vin: string) =>
  useQuery({
    queryKey: keys.history(vin),
    queryFn: () => api<VehicleHistory>(`/vehicles/${encodeURIComponent(vin)}/history`),
  });

/** The VIN of the vehicle carrying a plate (to open its file). */
export const vinOfPlate = async (plate: string) =>
  (await api<Vehicle>(`/vehicles/by-plate/${encodeURIComponent(plate)}`)).vin;

/** Police set a seizure or stolen flag, or lift one (R164 §76). */
export function useFlagChange(vin: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: keys.file(vin) });
  const path = `/vehicles/${encodeURIComponent(vin)}/flags`;
  return {
    set: useMutation({
      mutationFn: (body: FlagRequest) => api<VehicleFlagsResponse>(path, { method: 'POST', body }),
      onSuccess: refresh,
    }),
    lift: useMutation({
      mutationFn: ({ flag, note }: { flag: Flag; note?: string }) =>
        api<VehicleFlagsResponse>(`${path}/${flag}`, { method: 'DELETE', query: { note } }),
      onSuccess: refresh,
    }),
  };
}
