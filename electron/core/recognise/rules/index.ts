import type { Rule } from '../rule';
import { AMAZON_JP_RULES } from './amazon-jp';
import { JP_BANK_RULES } from './jp-banks';

/** Every built-in rule, in the order the engine tries them within a vendor. */
export const BUILT_IN_RULES: readonly Rule[] = [...AMAZON_JP_RULES, ...JP_BANK_RULES];
