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

/** A business type as the clerk's outlet may (or may not) accept it today. */
export interface OfferedBusinessType {
  code: string;
  nameZh: string;
  nameEn: string;
  subject: string;
  agentAllowed: boolean;
  implemented: boolean;
  available: boolean;
  /** Why not, when not available (delegation, suspension, not implemented). */
  reason: { message: string; messageEn: string } | null;
}

/** Under ['delegation']: a change of grants or a suspension refetches it. */
export const useOfferedBusinessTypes = () =>
  useQuery({
    queryKey: ['delegation', 'me', 'business-types'],
    queryFn: () => api<{ items: OfferedBusinessType[] }>('/me/business-types'),
  });
