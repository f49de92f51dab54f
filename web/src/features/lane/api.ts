import { useQuery } from '@tanstack/react-query';
import type { LaneBoard, LaneTimings } from '#shared/schemas/lanes.ts';
import { api } from '../../lib/api.ts';

export type LaneItem = LaneBoard['items'][number];

/** How often the live board asks again (a desk finishing moves a vehicle on). */
const BOARD_REFRESH_MS = 15_000;

/** One page of an office's lane board, refreshed while it is shown. */
export const useLaneBoard = (outletCode: string, after: string | undefined) =>
  useQuery({
    queryKey: ['lane', outletCode, 'board', after],
    queryFn: () =>
      api<LaneBoard>(`/outlets/${encodeURIComponent(outletCode)}/lane-board`, {
        query: { after, limit: 50 },
      }),
    refetchInterval: BOARD_REFRESH_MS,
    staleTime: 0,
  });

export const useLaneTimings = (outletCode: string, from: string, to: string) =>
  useQuery({
    queryKey: ['lane', outletCode, 'timings', from, to],
    queryFn: () =>
      api<LaneTimings>(`/outlets/${encodeURIComponent(outletCode)}/lane-timings`, {
        query: { from, to },
      }),
    staleTime: 0,
  });
