import type { Db } from '../db/database.ts';
import type { Env } from '../env.ts';
import type { CheckpointSigner, Signer } from './signing.ts';
import type { SmsSender } from './sms.ts';
import type { Clock } from './time.ts';

/** What a request handler or job needs from the running platform; passed explicitly. */
export interface AppContext {
  db: Db;
  clock: Clock;
  signer: Signer;
  /** Signs audit checkpoints with a key outside the database. */
  checkpointSigner: CheckpointSigner;
  env: Env;
  /** The SMS gateway; without one, codes are written to the log. */
  sms?: SmsSender;
}
