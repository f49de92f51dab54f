import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export interface Vehicle {
  vin: string;
  plate: string | null;
  vehicleType: string;
  useNature: string;
  status: string;
  brand: string | null;
  model: string | null;
  seats: number | null;
  owner: { idNumber: string; name: string };
  mortgage: unknown;
  inspectionValidUntil: string | null;
  registeredOn: string | null;
  manufacturedOn: string | null;
}

/** The registry's vehicle for a (canonical) plate; null until a plate is asked for. */
export const useVehicleByPlate = (plate: string | null) =>
  useQuery({
    queryKey: ['vehicles', 'by-plate', plate],
    queryFn: () => api<Vehicle>(`/vehicles/by-plate/${encodeURIComponent(plate!)}`),
    enabled: !!plate,
  });
