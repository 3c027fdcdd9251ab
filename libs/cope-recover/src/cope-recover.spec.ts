import { describe, expect, it } from '@jest/globals';
import {
  COPE_RECOVER_FRAMEWORKS,
  CopeRecoverAnswersError,
  CR_1,
  DEFAULT_FRAMEWORK_VERSION,
  END_SCORE_MISSING_REASONS,
  frameworkByVersion,
  scoreChange,
  validateAnswers,
  type CopeRecoverAnswers,
} from './index.js';

/** cr-1 answers scoring every domain 3, except those given. */
const scores = (overrides: Record<string, unknown> = {}): CopeRecoverAnswers => ({
  health_wellbeing: 3,
  safety: 3,
  everyday_life: 3,
  informed: 3,
  justice_engagement: 3,
  support_network: 3,
  ...overrides,
});

describe('framework cr-1', () => {
  it('has the six domains, scored 1 to 5, with an overall threshold of 1', () => {
    expect(CR_1.domains.map(({ id }) => id)).toEqual([
      'health_wellbeing',
      'safety',
      'everyday_life',
      'informed',
      'justice_engagement',
      'support_network',
    ]);
    expect([CR_1.scale, CR_1.overallThreshold, CR_1.domainImprovedAt, CR_1.worseningLimit]).toEqual([
      { min: 1, max: 5 },
      1,
      1,
      2,
    ]);
  });

  it('is the default and is found by its version', () => {
    expect(DEFAULT_FRAMEWORK_VERSION).toBe('cr-1');
    expect(frameworkByVersion('cr-1')).toBe(CR_1);
    expect(Object.keys(COPE_RECOVER_FRAMEWORKS)).toEqual(['cr-1']);
  });

  it('refuses an unknown version, listing the known ones', () => {
    expect(() => frameworkByVersion('cr-9')).toThrow(/cr-9.*known: cr-1/);
    expect(() => frameworkByVersion('toString')).toThrow(RangeError);
  });

  it('records why an end score may be missing', () => {
    expect(END_SCORE_MISSING_REASONS).toEqual(['declined', 'unable_to_contact', 'deceased', 'moved_area']);
  });
});

describe('validating answers', () => {
  it('accepts a score from 1 to 5 for every domain', () => {
    expect(validateAnswers(CR_1, scores({ safety: 1, informed: 5 }))).toEqual([]);
  });

  it('names a missing domain', () => {
    const { safety: _omitted, ...withoutSafety } = scores();
    expect(validateAnswers(CR_1, withoutSafety)).toEqual([
      { domain: 'safety', problem: 'missing_domain', message: 'safety has no score' },
    ]);
    expect(validateAnswers(CR_1, scores({ informed: null })).map(({ domain, problem }) => [domain, problem])).toEqual([
      ['informed', 'missing_domain'],
    ]);
  });

  it('names an unknown domain', () => {
    expect(validateAnswers(CR_1, scores({ finances: 2 })).map(({ domain, problem }) => [domain, problem])).toEqual([
      ['finances', 'unknown_domain'],
    ]);
  });

  it('names a score out of range', () => {
    expect(
      validateAnswers(CR_1, scores({ safety: 0, informed: 6 })).map(({ domain, problem }) => [domain, problem]),
    ).toEqual([
      ['safety', 'out_of_range'],
      ['informed', 'out_of_range'],
    ]);
  });

  it('names a score that is not a whole number', () => {
    expect(
      validateAnswers(CR_1, scores({ safety: 2.5, everyday_life: '4' })).map(({ domain, problem }) => [
        domain,
        problem,
      ]),
    ).toEqual([
      ['safety', 'not_an_integer'],
      ['everyday_life', 'not_an_integer'],
    ]);
  });

  it('lists every problem at once', () => {
    expect(validateAnswers(CR_1, { safety: 9, extra: 1 })).toHaveLength(7);
  });
});

describe('scoring the change between start and end of support', () => {
  it('gives the change per domain, end minus start, and whether each improved', () => {
    const result = scoreChange(CR_1, scores({ safety: 2 }), scores({ safety: 4, informed: 2 }));
    expect(result.domains.find(({ domain }) => domain === 'safety')).toEqual({
      domain: 'safety',
      start: 2,
      end: 4,
      change: 2,
      improved: true,
    });
    expect(result.domains.find(({ domain }) => domain === 'informed')).toMatchObject({ change: -1, improved: false });
    expect(result.domains.find(({ domain }) => domain === 'health_wellbeing')).toMatchObject({
      change: 0,
      improved: false,
    });
  });

  it('counts a victim better able to cope and recover when the changes add up to the threshold', () => {
    expect(scoreChange(CR_1, scores(), scores({ safety: 4 }))).toMatchObject({
      frameworkVersion: 'cr-1',
      overallChange: 1,
      overallImproved: true,
    });
  });

  it('does not when nothing changed', () => {
    expect(scoreChange(CR_1, scores(), scores())).toMatchObject({ overallChange: 0, overallImproved: false });
  });

  it('does not when a domain got worse by 2, however much the others improved', () => {
    const result = scoreChange(
      CR_1,
      scores(),
      scores({ safety: 1, informed: 5, support_network: 5, everyday_life: 5 }),
    );
    expect(result).toMatchObject({ overallChange: 4, overallImproved: false, worsenedDomains: ['safety'] });
  });

  it('still does when a domain got worse by only 1 and the sum reaches the threshold', () => {
    expect(scoreChange(CR_1, scores(), scores({ safety: 2, informed: 5 }))).toMatchObject({
      overallChange: 1,
      overallImproved: true,
      worsenedDomains: [],
    });
  });

  it('refuses invalid answers, saying which set and what is wrong', () => {
    expect(() => scoreChange(CR_1, scores(), scores({ safety: 7 }))).toThrow(CopeRecoverAnswersError);
    try {
      scoreChange(CR_1, scores({ informed: undefined }), scores());
    } catch (error) {
      expect(error).toMatchObject({
        which: 'start',
        code: 'INVALID_COPE_RECOVER_ANSWERS',
        problems: [{ domain: 'informed' }],
      });
    }
  });

  it('scores under any framework it is given', () => {
    const pilot = { ...CR_1, version: 'cr-pilot', domains: CR_1.domains.slice(0, 2), overallThreshold: 2 };
    expect(scoreChange(pilot, { health_wellbeing: 1, safety: 1 }, { health_wellbeing: 2, safety: 1 })).toMatchObject({
      frameworkVersion: 'cr-pilot',
      overallChange: 1,
      overallImproved: false,
    });
  });
});
