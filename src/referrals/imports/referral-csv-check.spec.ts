import { describe, expect, it } from '@jest/globals';
import type { Actor } from '../../access/actor.js';
import { CreateReferralRequest } from '../dto/referral.dto.js';
import { checkReferralCsv, goodReferralRows, openReferralCsv } from './referral-csv-check.js';

const CLEVELAND = '5d0e7c1a-3a51-4b7e-9a53-0d7f6f7c1a01';
const actor: Actor = {
  userId: '8a1b2c3d-0000-4000-8000-000000000001',
  roles: ['caseworker'],
  organisationId: '8a1b2c3d-0000-4000-8000-000000000002',
  areaIds: [CLEVELAND],
  requestId: 'spec',
  accessReason: null,
  sessionFamilyId: null,
};
const options = { actor, areaIdByCode: new Map([['cleveland', CLEVELAND]]), now: new Date('2026-04-01T10:00:00Z') };

const HEADER =
  'area_code,role,external_reference,crime_reference,offence_category,offence_date,reported_at,given_name,family_name,date_of_birth,email,phone,' +
  'address_line1,address_line2,town,postcode,preferred_contact_method,preferred_contact_times,safe_to_leave_messages,language,interpreter_needed,' +
  'communication_needs,disability,vulnerability_flags,referral_consent,consent_recorded_by,consent_recorded_at,enhanced_rights_categories,enhanced_rights_reason';

function row(index: number, overrides: Partial<Record<'area' | 'flags' | 'categories' | 'dob' | 'consent' | 'interpreter', string>> = {}): string {
  return [
    overrides.area ?? 'CLEVELAND', index % 2 ? 'witness' : 'victim', `EXT-${index}`, `CLV/${1000 + index}/26`, index % 3 ? 'burglary' : 'domestic_abuse',
    '2026-03-30', '2026-03-31T09:00:00Z', ` Ann ${index}`, `Example-${index}`, overrides.dob ?? '1980-02-01', `ann${index}@example.invalid`,
    '07700 900123', '"1 High Street, Flat 2"', '', 'Middlesbrough', 'TS1 1AA', 'phone', '"weekdays\r\nafter 5pm"', 'yes', 'English',
    overrides.interpreter ?? 'no', '', '', overrides.flags ?? '', overrides.consent ?? 'given', 'PC 1234 Smith', '2026-03-31T10:00:00Z',
    overrides.categories ?? '', '',
  ].join(',');
}

describe('goodReferralRows', () => {
  it('gives each good row, in file order, the very request the check’s ValidationPipe made of it, without validating again', async () => {
    const lines = [
      HEADER,
      row(1),
      row(2, { flags: 'under_18; mental_disorder', dob: '2010-05-01', interpreter: 'YES' }),
      row(3, { area: 'nowhere' }),
      '',
      row(4, { categories: 'vulnerable;intimidated' }),
      row(5, { consent: 'maybe' }),
      row(7, { area: 'cleveland', consent: 'not_objected' }),
    ];
    const content = lines.join('\r\n') + '\r\n';
    const checked = await checkReferralCsv(content, options);
    expect([checked.goodLines.length, checked.rejectedRows, checked.unreadable]).toEqual([4, 2, false]);

    const byPipe = [];
    const opened = openReferralCsv(content, options);
    if (opened.problems) throw new Error('unreadable');
    for await (const record of opened.rows) if (record.request) byPipe.push({ line: record.line, request: record.request });

    const read = [...goodReferralRows(content, options, checked.goodLines, 3)];
    expect(read.map((chunk) => chunk.length)).toEqual([3, 1]);
    expect(read.flat()).toEqual(byPipe);
    expect(read.flat().every((found) => found.request instanceof CreateReferralRequest)).toBe(true);
    expect(read.flat().map((found) => found.line)).toEqual(checked.goodLines);
    expect(read.flat()[1].request.person.vulnerabilityFlags).toEqual(['under_18', 'mental_disorder']);
  });

  it('refuses to go on when a good line is not in the file read again', () => {
    const content = `${HEADER}\r\n${row(1)}\r\n`;
    expect(() => [...goodReferralRows(content, options, [2, 9], 10)]).toThrow('1 good lines were not found');
  });
});
