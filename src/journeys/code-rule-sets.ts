import { Injectable } from '@nestjs/common';
import { RULE_SETS, type RuleSet } from '../../libs/victims-code/src/index.js';

/**
 * The Victims' Code rule sets the service judges duties by, oldest first (libs/victims-code
 * RULE_SETS). A provider of its own, like the Clock, so the day a new Code commences is a
 * data change, and a test can prove it with a test-only set that commences on a date.
 */
@Injectable()
export class CodeRuleSets {
  readonly ruleSets: readonly RuleSet[] = RULE_SETS;
}
