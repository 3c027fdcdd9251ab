import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { renderBankHolidaysModule } from './generate-bank-holidays.js';

describe('the bank holiday generator', () => {
  it('produces exactly the checked-in bank-holidays.generated.ts from the installed date-holidays', () => {
    // Fails when date-holidays learns of a new one-off holiday: regenerate and review.
    expect(renderBankHolidaysModule()).toBe(
      readFileSync(new URL('../src/bank-holidays.generated.ts', import.meta.url), 'utf8'),
    );
  });
});
