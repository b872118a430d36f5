import type { Db } from '../db';
import m0010 from './0010-initial';
import m0020 from './0020-accounts';
import m0030 from './0030-user-rules';
import m0040 from './0040-bodies-and-search';
import m0050 from './0050-services-and-response';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Db): void;
}

/** Ordered; versions increase in steps of 10. */
export const MIGRATIONS: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050];
