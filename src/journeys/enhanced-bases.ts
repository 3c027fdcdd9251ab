import {
  deriveEnhancedRights,
  ENHANCED_RIGHTS_CATEGORIES,
  ENHANCED_RIGHTS_REASONS,
  type EnhancedRightsBasis,
  type EnhancedRightsCategory,
  type OffenceCategory,
  type VulnerabilityFlag,
} from '../../libs/victims-code/src/index.js';
import { londonDate } from '../../libs/working-days/src/index.js';

/** Why staff record a basis the facts do not show (the Code's criteria, in their judgement). */
export const STAFF_BASIS_REASONS = [...ENHANCED_RIGHTS_REASONS, 'staff_finding'] as const;
export type BasisReason = (typeof STAFF_BASIS_REASONS)[number];

/**
 * One reason a victim is entitled to enhanced rights, as the journey keeps it: derived from
 * the facts the service holds (offence category, date of birth against the offence date,
 * vulnerability flags), or recorded by staff (a caseworker, or a police officer through a
 * partner system), with who and when; a derived basis a person has looked at is confirmed.
 */
export interface EnhancedBasis {
  category: EnhancedRightsCategory;
  reason: BasisReason;
  source: 'derived' | 'staff';
  recordedBy: string | null;
  recordedAt: string;
  confirmedBy?: string;
  confirmedAt?: string;
}

/** The facts deriveEnhancedRights reads, as the people and crimes rows hold them. */
export interface EnhancedRightsFactsRow {
  offenceCategory: OffenceCategory;
  offenceDate: string | null;
  reportedAt: Date;
  dateOfBirth: string | null;
  vulnerabilityFlags: readonly string[];
}

/**
 * The bases the facts show. Without an offence date, the date the crime was reported
 * stands in: a victim under 18 then was under 18 at the offence (libs/victims-code).
 */
export function derivedBases(facts: EnhancedRightsFactsRow): EnhancedRightsBasis[] {
  return deriveEnhancedRights({
    offenceCategory: facts.offenceCategory,
    offenceDate: facts.offenceDate ?? londonDate(facts.reportedAt),
    dateOfBirth: facts.dateOfBirth,
    vulnerabilityFlags: facts.vulnerabilityFlags as VulnerabilityFlag[],
  });
}

export function sameBasis(a: { category: string; reason: string }, b: { category: string; reason: string }): boolean {
  return a.category === b.category && a.reason === b.reason;
}

/** The categories the bases give, in the Code's order: what the engine and the reports read. */
export function categoriesOf(bases: readonly { category: EnhancedRightsCategory }[]): EnhancedRightsCategory[] {
  const held = new Set(bases.map((basis) => basis.category));
  return ENHANCED_RIGHTS_CATEGORIES.filter((category) => held.has(category));
}

/** New derived bases for the bases the facts show that the journey does not hold yet. */
export function newDerivedBases(held: readonly EnhancedBasis[], shown: readonly EnhancedRightsBasis[], at: Date, userId: string | null): EnhancedBasis[] {
  return shown
    .filter((basis) => !held.some((kept) => sameBasis(kept, basis)))
    .map((basis) => ({ category: basis.category, reason: basis.reason, source: 'derived' as const, recordedBy: userId, recordedAt: at.toISOString() }));
}
