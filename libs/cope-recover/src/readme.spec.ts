import { describe, expect, it } from '@jest/globals';
import { frameworkByVersion, scoreChange, validateAnswers } from './index.js';

describe('the README example', () => {
  it('works as written', () => {
    const framework = frameworkByVersion('cr-1');
    const start = {
      health_wellbeing: 2,
      safety: 1,
      everyday_life: 3,
      informed: 1,
      justice_engagement: 2,
      support_network: 3,
    };
    const end = {
      health_wellbeing: 3,
      safety: 3,
      everyday_life: 3,
      informed: 4,
      justice_engagement: 2,
      support_network: 2,
    };

    expect(validateAnswers(framework, { ...end, safety: 7 })).toEqual([
      { domain: 'safety', problem: 'out_of_range', message: 'safety must be from 1 to 5, got 7' },
    ]);
    const result = scoreChange(framework, start, end);
    expect([result.overallChange, result.overallImproved]).toEqual([5, true]);
    expect(result.domains[1]).toEqual({ domain: 'safety', start: 1, end: 3, change: 2, improved: true });
  });
});
