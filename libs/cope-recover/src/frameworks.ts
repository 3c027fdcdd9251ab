/**
 * Cope-and-recover frameworks, as versioned data. No national question set exists for
 * the PCC outcome return ("better able to cope and recover"), so the service defines its
 * own; every answer is kept with the version of the framework it was given under.
 */

export interface CopeRecoverDomain {
  readonly id: string;
  /** What the victim is asked to score, with the worker. */
  readonly question: string;
}

export interface CopeRecoverFramework {
  readonly version: string;
  readonly domains: readonly CopeRecoverDomain[];
  /** Every domain is scored with a whole number from `min` (not at all) to `max` (completely). */
  readonly scale: { readonly min: number; readonly max: number };
  /** A domain improved when its change is at least this. */
  readonly domainImprovedAt: number;
  /** Overall improved needs the sum of the domain changes to be at least this... */
  readonly overallThreshold: number;
  /** ...and no domain to have got worse by this much or more. */
  readonly worseningLimit: number;
}

/** VICTIMS_CODE.md, "Cope and recover": six domains scored 1-5, threshold 1. */
export const CR_1: CopeRecoverFramework = {
  version: 'cr-1',
  domains: [
    { id: 'health_wellbeing', question: 'Physical and emotional health since the crime' },
    { id: 'safety', question: 'Feeling safe at home and in the community' },
    { id: 'everyday_life', question: 'Coping with everyday life (work, study, family, sleep)' },
    { id: 'informed', question: 'Knowing what happens next, their rights, and where to get help' },
    { id: 'justice_engagement', question: 'Confidence to take part in the justice process' },
    { id: 'support_network', question: 'Having people and services to turn to' },
  ],
  scale: { min: 1, max: 5 },
  domainImprovedAt: 1,
  overallThreshold: 1,
  worseningLimit: 2,
};

/** Every framework answers may be given under, by version: add new versions, never edit one. */
export const COPE_RECOVER_FRAMEWORKS: Readonly<Record<string, CopeRecoverFramework>> = {
  [CR_1.version]: CR_1,
};

export const DEFAULT_FRAMEWORK_VERSION = CR_1.version;

export function frameworkByVersion(version: string): CopeRecoverFramework {
  const framework = Object.hasOwn(COPE_RECOVER_FRAMEWORKS, version) ? COPE_RECOVER_FRAMEWORKS[version] : undefined;
  if (!framework) {
    throw new RangeError(
      `No cope-and-recover framework '${version}'; known: ${Object.keys(COPE_RECOVER_FRAMEWORKS).join(', ')}`,
    );
  }
  return framework;
}

/** Why a victim's journey closed without an end score. */
export const END_SCORE_MISSING_REASONS = ['declined', 'unable_to_contact', 'deceased', 'moved_area'] as const;

export type EndScoreMissingReason = (typeof END_SCORE_MISSING_REASONS)[number];
