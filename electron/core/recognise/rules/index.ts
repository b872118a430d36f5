import type { Rule, RulePack } from '../rule';
import type { VendorIdentity } from '../identity';
import { AMAZON_INTL } from './amazon-intl';
import { AMAZON_JP } from './amazon-jp';
import { JP_BANKS } from './jp-banks';
import { PLATFORMS } from './platforms';
import { JP_CARDS } from './jp-cards';
import { US_BANKS } from './us-banks';

/** Every built-in pack; within a vendor, the engine tries rules in this order. */
export const PACKS: readonly RulePack[] = [AMAZON_JP, AMAZON_INTL, PLATFORMS, JP_BANKS, JP_CARDS, US_BANKS];

export const BUILT_IN_RULES: readonly Rule[] = PACKS.flatMap((p) => p.rules);
export const BUILT_IN_IDENTITIES: readonly VendorIdentity[] = PACKS.flatMap((p) => p.identities);
