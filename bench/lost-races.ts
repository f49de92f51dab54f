import { lostRaces, type LostRaceNotice } from '../server/src/applications/races.ts';

/**
 * Counts the steps the server ran again after losing a race (applications/races.ts): a
 * throughput figure counts completed applications only, and a step run twice did the work of
 * two. A lost race on the last run is not counted here: its client got a conflict, an error.
 */
export const raceCounter = { runsAgain: 0 };

export function countLostRaces() {
  lostRaces.subscribe((message) => {
    if (!(message as LostRaceNotice).final) raceCounter.runsAgain++;
  });
}
