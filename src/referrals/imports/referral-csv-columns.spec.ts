import { describe, expect, it } from '@jest/globals';
import { columnOfField, readHeader, REFERRAL_CSV_COLUMNS, rowToReferralBody } from './referral-csv-columns.js';

describe('referral CSV columns', () => {
  it('maps every documented column to a field of the referral request and back', () => {
    for (const column of REFERRAL_CSV_COLUMNS) expect(columnOfField(column.field)).toBe(column.name);
  });

  it('reports a problem inside a list or a group against its column', () => {
    expect(columnOfField('person.vulnerabilityFlags[1]')).toBe('vulnerability_flags');
    expect(columnOfField('enhancedRights')).toBe('enhanced_rights_categories');
    expect(columnOfField('crime')).toBe('crime_reference');
  });

  it('names missing required, unknown and repeated columns; case and spaces in the header do not matter', () => {
    const { problems } = readHeader([' Area_Code', 'role', 'role', 'nickname']);
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'role', message: 'appears more than once' },
        { field: 'nickname', message: 'is not a known column' },
        { field: 'given_name', message: 'is a required column and is missing' },
      ]),
    );
    expect(problems.map((problem) => problem.field)).not.toContain('area_code');
  });

  it('turns a row into a request body: empty cells absent, yes/no as booleans, semicolon lists as arrays', () => {
    const { columns } = readHeader(['area_code', 'given_name', 'email', 'safe_to_leave_messages', 'interpreter_needed', 'vulnerability_flags']);
    expect(rowToReferralBody(columns, ['cleveland', ' Ann ', '', 'Yes', 'false', 'older_person; ;repeat_victim'])).toEqual({
      body: {
        areaId: 'cleveland',
        crime: {},
        consent: {},
        person: { givenName: 'Ann', safeToLeaveMessages: true, interpreterNeeded: false, vulnerabilityFlags: ['older_person', 'repeat_victim'] },
      },
      problems: [],
    });
    expect(rowToReferralBody(columns, ['cleveland', 'Ann', '', 'maybe', '', '']).problems).toEqual([
      { field: 'person.safeToLeaveMessages', message: 'must be yes, no, true or false' },
    ]);
  });
});
