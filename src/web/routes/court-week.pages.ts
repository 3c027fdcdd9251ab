import { Injectable } from '@nestjs/common';
import { WITNESS_CARE } from '../../access/roles.js';
import { Clock } from '../../app/clock.js';
import type { WitnessQueueItem, WitnessQueueResponse, WitnessQueueSection } from '../../witness/dto/witness-queue.dto.js';
import { WitnessQueueService } from '../../witness/witness-queue.service.js';
import { label } from '../labels.js';
import { dueTag, londonDateTime, londonDay } from '../london-time.js';
import type { Page, PageRouter } from '../page.js';

/** The API's largest page: the court week reads the whole 10 working days page by page, up to this many witness places. */
const API_PAGE = 100;
const MAX_PLACES = 1000;
const LIST_PAGE = 25;

const TABS = [
  { id: 'hearings', section: 'hearings', text: 'Court week', count: (counts: WitnessQueueResponse['counts']) => counts.hearings },
  { id: 'not-told', section: 'not_informed', text: 'Not told of a listing', count: (counts: WitnessQueueResponse['counts']) => counts.notInformed },
  { id: 'follow-ups', section: 'follow_ups', text: 'Failed to attend', count: (counts: WitnessQueueResponse['counts']) => counts.followUps },
  { id: 'uls', section: 'uls_windows', text: 'Sentence not yet told', count: (counts: WitnessQueueResponse['counts']) => counts.ulsWindows },
] as const satisfies ReadonlyArray<{ id: string; section: WitnessQueueSection; text: string; count: (counts: WitnessQueueResponse['counts']) => number }>;

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true });
const LONDON_DAY_KEY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long' });
const LANGUAGES = new Intl.DisplayNames(['en-GB'], { type: 'language', fallback: 'code' });

/**
 * The witness care officer's court week: the hearings of the next 10 London working days
 * by day and court, each witness with whether they were told of this listing, warned,
 * their special measures, interpreter and pre-trial visit; then the witnesses not yet told
 * of a listing, the failures to attend to follow up, and the victims not yet told of a
 * sentence whose Unduly Lenient Sentence window is open. The witness care queue's service,
 * in-process: the same scope, and each journey shown audited as listed.
 */
@Injectable()
export class CourtWeekPages {
  constructor(
    private readonly queue: WitnessQueueService,
    private readonly clock: Clock,
  ) {}

  routes(router: PageRouter): void {
    router.get('/court-week', WITNESS_CARE, (page) => this.courtWeek(page));
  }

  private async courtWeek(page: Page) {
    const tab = TABS.find((candidate) => candidate.id === page.query.tab) ?? TABS[0];
    const defaultMine = page.user.roles.includes('witness_care_officer');
    const mine = page.query.view === 'team' ? false : page.query.view === 'mine' ? true : defaultMine;
    const listPage = Math.min(Math.max(1, Number.parseInt(page.query.page ?? '1', 10) || 1), 4000);
    const href = (change: { tab?: string; view?: 'mine' | 'team'; page?: number }) => {
      const params = new URLSearchParams({ view: change.view ?? (mine ? 'mine' : 'team'), tab: change.tab ?? tab.id });
      if (change.page && change.page > 1) params.set('page', String(change.page));
      return `/court-week?${params.toString()}`;
    };

    let answer: WitnessQueueResponse;
    let items: WitnessQueueItem[];
    if (tab.section === 'hearings') {
      // The whole window, so each day and court is complete on one page.
      answer = await this.queue.list(page.actor, { section: 'hearings', mine, limit: API_PAGE, offset: 0 });
      items = [...answer.items];
      while (items.length < Math.min(answer.total, MAX_PLACES)) {
        const more = await this.queue.list(page.actor, { section: 'hearings', mine, limit: API_PAGE, offset: items.length });
        if (more.items.length === 0) break;
        items.push(...more.items);
      }
    } else {
      answer = await this.queue.list(page.actor, { section: tab.section, mine, limit: LIST_PAGE, offset: (listPage - 1) * LIST_PAGE });
      items = answer.items;
    }
    const now = this.clock.now();
    const pages = Math.max(1, Math.ceil(answer.total / LIST_PAGE));
    return page.render('court-week/court-week.njk', {
      pageTitle: mine ? 'My court week' : "The unit's court week",
      tab: tab.id,
      tabs: TABS.map((candidate) => ({ text: `${candidate.text} (${candidate.count(answer.counts)})`, href: href({ tab: candidate.id }), active: candidate.id === tab.id })),
      viewLinks: [
        { text: 'My cases', href: href({ view: 'mine' }), active: mine },
        { text: "The unit's cases", href: href({ view: 'team' }), active: !mine },
      ],
      horizon: londonDay(answer.horizon),
      counts: answer.counts,
      days: tab.section === 'hearings' ? courtDays(items) : [],
      truncated: tab.section === 'hearings' && answer.total > items.length ? answer.total : null,
      rows: tab.section === 'hearings' ? [] : items.map((item) => listRow(item, now)),
      total: answer.total,
      caption: `${tab.text}: ${answer.total} ${answer.total === 1 ? 'witness' : 'witnesses'}`,
      pagination: tab.section !== 'hearings' && pages > 1 && {
        previous: listPage > 1 ? { href: href({ page: listPage - 1 }) } : undefined,
        next: listPage < pages ? { href: href({ page: listPage + 1 }) } : undefined,
        items: [{ number: listPage, current: true, href: href({ page: listPage }) }],
      },
    });
  }
}

/** The hearings by London day, then court, soonest first (the service sorts by listing). */
function courtDays(items: readonly WitnessQueueItem[]) {
  const days: Array<{ key: string; heading: string; courts: Array<{ name: string; rows: ReturnType<typeof hearingRow>[] }> }> = [];
  for (const item of items) {
    const listedFor = item.hearing?.listedFor ? new Date(item.hearing.listedFor) : null;
    const key = listedFor ? LONDON_DAY_KEY.format(listedFor) : 'unlisted';
    let day = days.find((candidate) => candidate.key === key);
    if (!day) {
      day = { key, heading: listedFor ? `${WEEKDAY.format(listedFor)} ${londonDay(listedFor)}` : 'Not yet listed', courts: [] };
      days.push(day);
    }
    const courtName = item.hearing?.courtName ?? 'Court not known';
    let court = day.courts.find((candidate) => candidate.name === courtName);
    if (!court) {
      court = { name: courtName, rows: [] };
      day.courts.push(court);
    }
    court.rows.push(hearingRow(item));
  }
  return days;
}

function hearingRow(item: WitnessQueueItem) {
  const listedFor = item.hearing?.listedFor ? new Date(item.hearing.listedFor) : null;
  const measures = item.specialMeasures ?? [];
  return {
    href: `/case-of-journey/${item.journey.id}`,
    personName: item.journey.personName,
    reference: item.journey.reference,
    enhanced: item.journey.enhanced,
    hearing: `${item.hearing?.type ? label(item.hearing.type) : 'Hearing'}${listedFor ? ` at ${LONDON_TIME.format(listedFor).replace(/\s/g, '').toLowerCase()}` : ''}`,
    listingVersion: item.hearing?.listingVersion ?? null,
    // An enhanced witness's news is due within 1 working day of its receipt (Code right 8 and its enhanced timescales).
    enhancedDuty: item.journey.enhanced && item.informed === 'not_told',
    told: { told: { text: 'Told', colour: 'green' }, not_told: { text: 'Not told', colour: 'red' }, not_owed: { text: 'Not owed', colour: 'grey' } }[item.informed ?? 'not_owed'],
    warned: item.warned ? { text: 'Warned', colour: 'green' } : { text: 'Not warned', colour: 'orange' },
    measures: measures.map((measure) => `${label(measure.measure)}: ${label(measure.status).toLowerCase()}`),
    interpreter: (item.interpreterLanguages ?? []).length > 0 ? `Booked (${(item.interpreterLanguages ?? []).map((code) => LANGUAGES.of(code) ?? code).join(', ')})` : 'None booked',
    preTrialVisit: item.preTrialVisit ? label(item.preTrialVisit) : 'Not offered',
  };
}

function listRow(item: WitnessQueueItem, now: Date) {
  const base = {
    href: `/case-of-journey/${item.journey.id}${item.followUp ? '?section=attendance' : item.ulsWindow ? '?section=windows' : ''}`,
    personName: item.journey.personName,
    reference: item.journey.reference,
    enhanced: item.journey.enhanced,
    hearing: item.hearing ? `${item.hearing.type ? label(item.hearing.type) : 'Hearing'}${item.hearing.courtName ? `, ${item.hearing.courtName}` : ''}` : '',
    listedFor: item.hearing?.listedFor ? londonDateTime(item.hearing.listedFor) : '',
  };
  if (item.duty) return { ...base, what: 'Tell them of this listing', due: londonDateTime(item.duty.dueAt), tag: dueTag(item.duty.dueAt, now), enhancedDuty: item.journey.enhanced };
  if (item.followUp) return { ...base, what: `Follow up: ${label(item.followUp.reason).toLowerCase()}`, due: '', tag: null };
  if (item.ulsWindow) {
    return {
      ...base,
      hearing: `Sentenced ${londonDay(item.ulsWindow.sentencedAt)}`,
      what: 'Tell them of the sentence and the Unduly Lenient Sentence scheme',
      due: `Window closes ${londonDateTime(item.ulsWindow.closesAt)}`,
      tag: dueTag(item.ulsWindow.closesAt, now),
    };
  }
  return { ...base, what: '', due: '', tag: null };
}
