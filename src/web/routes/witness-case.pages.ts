import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WITNESS_CARE } from '../../access/roles.js';
import { Clock } from '../../app/clock.js';
import { CommonError, notFound, validationFailed } from '../../app/common.errors.js';
import { DomainError, type FieldProblem } from '../../app/domain-error.js';
import { CourtInformedService } from '../../court/court-informed.service.js';
import { CourtOutcomesService } from '../../court/court-outcomes.service.js';
import { INFORMING_METHODS } from '../../court/court-vocabulary.js';
import { CourtsService } from '../../court/courts.service.js';
import { HearingInformedRequest, HearingResultRequest, MoveHearingRequest } from '../../court/dto/court-requests.dto.js';
import type { HearingResponse } from '../../court/dto/court-views.dto.js';
import { HearingsService } from '../../court/hearings.service.js';
import { EFFECTIVENESS_REASON_CODES, EFFECTIVENESS_REASONS, TRIAL_EFFECTIVENESS } from '../../court/trial-effectiveness.js';
import type { CrimeResponse } from '../../crimes/dto/crime.dto.js';
import { CrimesService } from '../../crimes/crimes.service.js';
import type { JourneyResponse } from '../../journeys/dto/journey.dto.js';
import { JourneysService } from '../../journeys/journeys.service.js';
import { CourtAttendanceService } from '../../witness/court-attendance.service.js';
import {
  RecordAttendanceRequest,
  RefuseSpecialMeasureRequest,
  RequestSpecialMeasureRequest,
  ResolveFollowUpRequest,
  SpecialMeasureStepRequest,
  WarnWitnessRequest,
  type WitnessCareViewResponse,
} from '../../witness/dto/witness-care.dto.js';
import { SpecialMeasuresService } from '../../witness/special-measures.service.js';
import { WitnessCareService } from '../../witness/witness-care.service.js';
import {
  ATTENDANCE_OUTCOMES,
  FOLLOW_UP_NOTES,
  NON_ATTENDANCE_REASONS,
  SPECIAL_MEASURE_REFUSAL_REASONS,
  SPECIAL_MEASURES,
  WARNING_METHODS,
  WITNESS_NEED_AREAS,
} from '../../witness/witness-vocabulary.js';
import { asRequest, dateTimeAnswer, dateTimeNow, instantOf, type DateTimeAnswer } from '../forms.js';
import { choices, label } from '../labels.js';
import { dueTag, londonDateTime } from '../london-time.js';
import { field, fieldProblemsOf, isConflict, type Page, type PageRouter, problemFor, refusalOf, summaryOf } from '../page.js';
import { describeEvent } from '../timeline-text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMELINE_PAGE_SIZE = 20;
const LANGUAGES = new Intl.DisplayNames(['en-GB'], { type: 'language', fallback: 'code' });

export const CASE_SECTIONS = [
  { id: '', text: 'Hearings' },
  { id: 'witnesses', text: 'Witnesses and victims' },
  { id: 'warnings', text: 'Warnings' },
  { id: 'special-measures', text: 'Special measures' },
  { id: 'needs', text: 'Needs assessment' },
  { id: 'attendance', text: 'Attendance' },
  { id: 'outcome', text: 'Outcome and sentence' },
  { id: 'windows', text: 'Victim windows' },
  { id: 'timeline', text: 'Timeline' },
] as const;
type SectionId = (typeof CASE_SECTIONS)[number]['id'];

/** A victim or witness on the crime: their journey, and their witness care case when one is open. */
interface CasePerson {
  journey: JourneyResponse;
  name: string;
  href: string;
  witnessCare: WitnessCareViewResponse | null;
}

interface CaseContext {
  crime: CrimeResponse;
  people: CasePerson[];
  base: string;
}

/** A change form: what it shows, how it runs its command, and what to say when the record moved on meanwhile. */
interface CaseForm {
  section: SectionId;
  view: string;
  title: string;
  /** `stale`: the form came back because its version was stale, so it now carries the record's current version. */
  data: (context: CaseContext, stale: boolean) => Promise<Record<string, unknown>>;
  run: (context: CaseContext) => Promise<unknown>;
  /** What changed since the form was opened, read after a stale version was refused. */
  changes: (context: CaseContext) => Promise<string[]>;
  fieldIds?: Record<string, string>;
  /** Words for a field the request's validation refused, by the request's field name. */
  messages?: Record<string, string>;
  done: { heading: string; text?: string; section: SectionId };
}

/**
 * The witness care officer's case page: one crime, as the court and the CPS see a case,
 * with every victim and witness on it. Hearings, their versions and outcomes belong to the
 * crime (a move is news for everyone on it), while warnings, special measures, needs,
 * attendance and windows belong to each person's journey, so each section shows them per
 * person. Every read and change goes through the API's services in-process; every change
 * form carries the version of what it changes (the hearing, the journey, the measure or the
 * attendance), and a stale one comes back with what changed.
 */
@Injectable()
export class WitnessCasePages {
  constructor(
    private readonly crimes: CrimesService,
    private readonly journeys: JourneysService,
    private readonly hearings: HearingsService,
    private readonly outcomes: CourtOutcomesService,
    private readonly informed: CourtInformedService,
    private readonly courts: CourtsService,
    private readonly witnessCare: WitnessCareService,
    private readonly specialMeasures: SpecialMeasuresService,
    private readonly attendance: CourtAttendanceService,
    private readonly clock: Clock,
  ) {}

  routes(router: PageRouter): void {
    router.get('/case-of-journey/:journeyId', WITNESS_CARE, (page) => this.caseOfJourney(page));
    router.get('/cases/:crimeId', WITNESS_CARE, (page) => this.section(page, '', (context) => this.hearingsData(page, context)));
    router.get('/cases/:crimeId/witnesses', WITNESS_CARE, (page) => this.section(page, 'witnesses', (context) => this.witnessesData(context)));
    router.get('/cases/:crimeId/warnings', WITNESS_CARE, (page) => this.section(page, 'warnings', (context) => this.warningsData(page, context)));
    router.get('/cases/:crimeId/special-measures', WITNESS_CARE, (page) => this.section(page, 'special-measures', (context) => this.measuresData(page, context)));
    router.get('/cases/:crimeId/needs', WITNESS_CARE, (page) => this.section(page, 'needs', (context) => this.needsData(context)));
    router.get('/cases/:crimeId/attendance', WITNESS_CARE, (page) => this.section(page, 'attendance', (context) => this.attendanceData(page, context)));
    router.get('/cases/:crimeId/outcome', WITNESS_CARE, (page) => this.section(page, 'outcome', (context) => this.outcomeData(page, context)));
    router.get('/cases/:crimeId/windows', WITNESS_CARE, (page) => this.section(page, 'windows', (context) => this.windowsData(context)));
    router.get('/cases/:crimeId/timeline', WITNESS_CARE, (page) => this.section(page, 'timeline', (context) => this.timelineData(page, context)));

    router.get('/cases/:crimeId/hearings/:hearingId/move', WITNESS_CARE, (page) => this.showForm(page, this.moveForm(page)));
    router.post('/cases/:crimeId/hearings/:hearingId/move', WITNESS_CARE, (page) => this.command(page, this.moveForm(page)));
    router.get('/cases/:crimeId/hearings/:hearingId/result', WITNESS_CARE, (page) => this.showForm(page, this.resultForm(page)));
    router.post('/cases/:crimeId/hearings/:hearingId/result', WITNESS_CARE, (page) => this.command(page, this.resultForm(page)));
    router.get('/cases/:crimeId/hearings/:hearingId/told/:journeyId', WITNESS_CARE, (page) => this.showForm(page, this.toldForm(page)));
    router.post('/cases/:crimeId/hearings/:hearingId/told/:journeyId', WITNESS_CARE, (page) => this.command(page, this.toldForm(page)));
    router.get('/cases/:crimeId/hearings/:hearingId/warning/:journeyId', WITNESS_CARE, (page) => this.showForm(page, this.warningForm(page)));
    router.post('/cases/:crimeId/hearings/:hearingId/warning/:journeyId', WITNESS_CARE, (page) => this.command(page, this.warningForm(page)));
    router.get('/cases/:crimeId/hearings/:hearingId/attendance/:journeyId', WITNESS_CARE, (page) => this.showForm(page, this.attendanceForm(page)));
    router.post('/cases/:crimeId/hearings/:hearingId/attendance/:journeyId', WITNESS_CARE, (page) => this.command(page, this.attendanceForm(page)));
    router.get('/cases/:crimeId/hearings/:hearingId/follow-up/:journeyId', WITNESS_CARE, (page) => this.showForm(page, this.followUpForm(page)));
    router.post('/cases/:crimeId/hearings/:hearingId/follow-up/:journeyId', WITNESS_CARE, (page) => this.command(page, this.followUpForm(page)));
    router.get('/cases/:crimeId/special-measures/new/:journeyId', WITNESS_CARE, (page) => this.showForm(page, this.requestMeasureForm(page)));
    router.post('/cases/:crimeId/special-measures/new/:journeyId', WITNESS_CARE, (page) => this.command(page, this.requestMeasureForm(page)));
    router.get('/cases/:crimeId/special-measures/:measureId/step/:journeyId', WITNESS_CARE, (page) => this.showForm(page, this.measureStepForm(page)));
    router.post('/cases/:crimeId/special-measures/:measureId/step/:journeyId', WITNESS_CARE, (page) => this.command(page, this.measureStepForm(page)));
  }

  // ---------------------------------------------------------------- the frame

  /** The court week lists witnesses: their case is their journey's crime (a section may be named). */
  private async caseOfJourney(page: Page): Promise<FastifyReply> {
    if (!this.ids(page, 'journeyId')) return this.notFound(page);
    const journey = await this.journeys.get(page.actor, page.params.journeyId);
    const section = CASE_SECTIONS.find((candidate) => candidate.id && candidate.id === page.query.section);
    return page.redirect(`/cases/${journey.crime.id}${section ? `/${section.id}` : ''}`);
  }

  private ids(page: Page, ...names: string[]): boolean {
    return names.every((name) => UUID.test(page.params[name] ?? ''));
  }

  private notFound(page: Page): Promise<FastifyReply> {
    return page.render('errors/404.njk', { pageTitle: 'Page not found' }, 404);
  }

  /** The crime and each person on it (their journey read as the API reads it: scoped and audited). */
  private async context(page: Page, withWitnessCare: boolean): Promise<CaseContext> {
    const crime = await this.crimes.get(page.actor, page.params.crimeId);
    const people: CasePerson[] = [];
    for (const summary of crime.journeys) {
      const journey = await this.journeys.get(page.actor, summary.id);
      people.push({
        journey,
        name: `${journey.person.givenName} ${journey.person.familyName}`,
        href: `/journeys/${journey.id}`,
        witnessCare: withWitnessCare ? await this.witnessCareOf(page, journey.id) : null,
      });
    }
    return { crime, people, base: `/cases/${crime.id}` };
  }

  private async witnessCareOf(page: Page, journeyId: string): Promise<WitnessCareViewResponse | null> {
    try {
      return await this.witnessCare.show(page.actor, journeyId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'WITNESS_CARE_NOT_OPEN') return null;
      throw error;
    }
  }

  private frame(context: CaseContext, section: SectionId, title?: string) {
    const current = CASE_SECTIONS.find((candidate) => candidate.id === section)!;
    return {
      crime: context.crime,
      people: context.people.map((person) => ({ name: person.name, href: person.href, role: label(person.journey.role), reference: person.journey.reference, enhanced: person.journey.enhancedRights.entitled })),
      base: context.base,
      section,
      pageTitle: `${title ?? current.text} - case ${context.crime.crimeReference}`,
      subNavigation: CASE_SECTIONS.map((candidate) => ({
        text: candidate.text,
        href: candidate.id ? `${context.base}/${candidate.id}` : context.base,
        active: candidate.id === section,
      })),
      loadedAt: this.clock.now().toISOString(),
    };
  }

  private async section(page: Page, section: SectionId, data: (context: CaseContext) => Promise<Record<string, unknown>>): Promise<FastifyReply> {
    if (!this.ids(page, 'crimeId')) return this.notFound(page);
    const needsWitnessCare = ['witnesses', 'warnings', 'special-measures', 'needs', 'attendance'].includes(section);
    const context = await this.context(page, needsWitnessCare);
    return page.render(`case/${section || 'hearings'}.njk`, { ...this.frame(context, section), ...(await data(context)) });
  }

  private person(context: CaseContext, journeyId: string): CasePerson {
    const person = context.people.find((candidate) => candidate.journey.id === journeyId);
    if (!person) throw notFound('The person on this case');
    return person;
  }

  private async hearing(page: Page, context: CaseContext): Promise<HearingResponse> {
    const hearing = await this.hearings.get(page.actor, page.params.hearingId);
    if (hearing.crimeId !== context.crime.id) throw notFound('The hearing on this case');
    return hearing;
  }

  // ---------------------------------------------------------------- sections

  private async courtNames(page: Page): Promise<Map<string, string>> {
    const courts = await this.courts.courts(page.actor, undefined);
    return new Map(courts.items.map((court) => [court.id, court.name]));
  }

  private async hearingsData(page: Page, context: CaseContext): Promise<Record<string, unknown>> {
    const [hearings, courtNames] = await Promise.all([this.hearings.forCrime(page.actor, context.crime.id), this.courtNames(page)]);
    const now = this.clock.now();
    const nameOf = (journeyId: string) => context.people.find((person) => person.journey.id === journeyId);
    return {
      hearings: hearings.items.map((hearing) => ({
        id: hearing.id,
        title: `${label(hearing.type)} at ${hearing.court.name}`,
        status: label(hearing.status),
        listed: hearing.status === 'listed',
        listedFor: londonDateTime(hearing.listedFor),
        listingVersion: hearing.listingVersion,
        effectiveness: hearing.effectiveness ? `${label(hearing.effectiveness)}${hearing.effectivenessReason ? `: ${label(hearing.effectivenessReason).toLowerCase()}` : ''}` : null,
        heardAt: hearing.heardAt ? londonDateTime(hearing.heardAt) : null,
        versions: versionRows(hearing, courtNames).reverse(),
        told: hearing.journeys.map((journey) => {
          const person = nameOf(journey.journeyId);
          const duty = journey.duties.find((candidate) => candidate.key.endsWith(`@v${hearing.listingVersion}`)) ?? null;
          const toldOf = journey.informed.find((told) => told.hearingVersion === hearing.listingVersion);
          return {
            journeyId: journey.journeyId,
            name: person?.name ?? journey.reference,
            reference: journey.reference,
            role: label(journey.role),
            told: journey.toldOfCurrentVersion,
            toldText: toldOf ? `Told ${londonDateTime(toldOf.informedAt)} (${label(toldOf.method).toLowerCase()})` : null,
            lastTold: journey.informed.length > 0 && !toldOf ? Math.max(...journey.informed.map((told) => told.hearingVersion ?? 0)) : null,
            duty: duty && {
              status: label(duty.status),
              due: londonDateTime(duty.dueAt),
              enhanced: duty.enhanced,
              tag: ['open', 'breached'].includes(duty.status) ? dueTag(duty.dueAt, now) : null,
            },
            tellHref: `${context.base}/hearings/${hearing.id}/told/${journey.journeyId}`,
          };
        }),
        moveHref: `${context.base}/hearings/${hearing.id}/move`,
        resultHref: `${context.base}/hearings/${hearing.id}/result`,
      })),
    };
  }

  private async witnessesData(context: CaseContext): Promise<Record<string, unknown>> {
    return {
      witnesses: context.people.map((person) => {
        const care = person.witnessCare;
        const visit = care?.preTrialVisit;
        return {
          ...personRow(person),
          stage: label(person.journey.stage),
          enhancedBases: person.journey.enhancedRights.categories.map(label).join(', '),
          caseOpen: Boolean(care),
          givingEvidence: care ? (care.givingEvidence === 'unknown' ? 'Not known yet' : care.givingEvidence ? 'Yes' : 'No') : '',
          officer: care?.officer?.name ?? 'No lead officer',
          preTrialVisit: visit?.status ? `${label(visit.status)} ${londonDateTime(visit.takenAt ?? visit.declinedAt ?? visit.offeredAt)}` : 'Not offered',
          interpreters: (care?.interpreterBookings ?? []).map((booking) => `${LANGUAGES.of(booking.language) ?? booking.language}, booked ${londonDateTime(booking.bookedAt)}`),
          language: person.journey.person.language ? `${person.journey.person.language}${person.journey.person.interpreterNeeded ? ' (interpreter needed)' : ''}` : 'English',
          contact: person.journey.person.preferredContactMethod ? label(person.journey.person.preferredContactMethod) : 'Not given',
          informationVia: person.journey.informationVia,
        };
      }),
    };
  }

  private async warningsData(page: Page, context: CaseContext): Promise<Record<string, unknown>> {
    const hearings = await this.hearings.forCrime(page.actor, context.crime.id);
    return {
      hearings: hearings.items.map((hearing) => ({
        title: `${label(hearing.type)}, ${londonDateTime(hearing.listedFor)}, ${hearing.court.name}`,
        listingVersion: hearing.listingVersion,
        listed: hearing.status === 'listed',
        status: label(hearing.status),
        rows: context.people.map((person) => {
          const warnings = (person.witnessCare?.warnings ?? []).filter((warning) => warning.hearingId === hearing.id);
          const current = warnings.find((warning) => warning.listingVersion === hearing.listingVersion);
          return {
            ...personRow(person),
            caseOpen: Boolean(person.witnessCare),
            current: current ? `Warned ${londonDateTime(current.warnedAt)} (${label(current.method).toLowerCase()})` : null,
            earlier: warnings.filter((warning) => warning !== current).map((warning) => `Listing ${warning.listingVersion}: ${londonDateTime(warning.warnedAt)}`),
            warnHref: `${context.base}/hearings/${hearing.id}/warning/${person.journey.id}`,
          };
        }),
      })),
    };
  }

  private async measuresData(page: Page, context: CaseContext): Promise<Record<string, unknown>> {
    const hearings = await this.hearings.forCrime(page.actor, context.crime.id);
    const hearingName = (id: string | null) => {
      const hearing = hearings.items.find((candidate) => candidate.id === id);
      return hearing ? `${label(hearing.type)}, ${londonDateTime(hearing.listedFor)}` : 'Any hearing';
    };
    return {
      witnesses: context.people.map((person) => ({
        ...personRow(person),
        caseOpen: Boolean(person.witnessCare),
        requestHref: `${context.base}/special-measures/new/${person.journey.id}`,
        measures: (person.witnessCare?.specialMeasures ?? []).map((measure) => ({
          measure: label(measure.measure),
          hearing: hearingName(measure.hearingId),
          status: label(measure.status),
          requested: londonDateTime(measure.requestedAt),
          appliedFor: measure.appliedForAt ? londonDateTime(measure.appliedForAt) : 'Not yet',
          decided: measure.decidedAt ? `${londonDateTime(measure.decidedAt)}${measure.refusalReason ? ` (${label(measure.refusalReason).toLowerCase()})` : ''}` : 'Not yet',
          next: measure.status === 'requested' ? 'Record the CPS application' : measure.status === 'applied_for' ? "Record the court's decision" : null,
          stepHref: `${context.base}/special-measures/${measure.id}/step/${person.journey.id}`,
        })),
      })),
    };
  }

  private async needsData(context: CaseContext): Promise<Record<string, unknown>> {
    return {
      areas: WITNESS_NEED_AREAS.map((area) => label(area)),
      witnesses: context.people.map((person) => {
        const latest = person.witnessCare?.needsAssessments[0] ?? null;
        return {
          ...personRow(person),
          caseOpen: Boolean(person.witnessCare),
          assessedAt: latest ? londonDateTime(latest.assessedAt) : null,
          earlier: Math.max(0, (person.witnessCare?.needsAssessments.length ?? 0) - 1),
          needs: latest
            ? WITNESS_NEED_AREAS.map((area) => {
                const need = latest.needs.find((candidate) => candidate.area === area);
                return { area: label(area), needed: need?.needed ? 'Yes' : 'No', level: need?.level ? label(need.level) : '', action: need?.action ? label(need.action) : '' };
              })
            : [],
        };
      }),
    };
  }

  private async attendanceData(page: Page, context: CaseContext): Promise<Record<string, unknown>> {
    const hearings = await this.hearings.forCrime(page.actor, context.crime.id);
    return {
      hearings: hearings.items.map((hearing) => ({
        title: `${label(hearing.type)}, ${londonDateTime(hearing.listedFor)}, ${hearing.court.name}`,
        status: label(hearing.status),
        rows: context.people.map((person) => {
          const recorded = (person.witnessCare?.attendance ?? []).find((candidate) => candidate.hearingId === hearing.id) ?? null;
          return {
            ...personRow(person),
            caseOpen: Boolean(person.witnessCare),
            outcome: recorded ? `${label(recorded.outcome)}${recorded.reason ? `: ${label(recorded.reason).toLowerCase()}` : ''}` : null,
            followUp: recorded?.followUp
              ? recorded.followUp.status === 'open'
                ? { open: true, text: 'Follow-up open' }
                : { open: false, text: `Followed up ${londonDateTime(recorded.followUp.resolvedAt)}: ${label(recorded.followUp.note ?? '').toLowerCase()}` }
              : null,
            recordHref: `${context.base}/hearings/${hearing.id}/attendance/${person.journey.id}`,
            followUpHref: `${context.base}/hearings/${hearing.id}/follow-up/${person.journey.id}`,
          };
        }),
      })),
    };
  }

  private async outcomeData(page: Page, context: CaseContext): Promise<Record<string, unknown>> {
    const outcomes = await this.outcomes.forCrime(page.actor, context.crime.id);
    const defendantName = (id: string) => {
      const defendant = context.crime.defendants.find((candidate) => candidate.id === id);
      return defendant ? `${defendant.givenName} ${defendant.familyName}` : id;
    };
    return {
      outcomes: outcomes.items.map((outcome) => ({
        defendant: defendantName(outcome.defendant.id),
        verdict: label(outcome.verdict),
        verdictAt: londonDateTime(outcome.verdictAt),
        sentence: outcome.sentence && {
          disposal: label(outcome.sentence.disposal),
          at: londonDateTime(outcome.sentence.sentencedAt),
          custody: outcome.sentence.custodialMonths > 0 ? `${outcome.sentence.custodialMonths} months` : 'None',
          vcs: outcome.sentence.vcsEligible ? 'Eligible' : 'Not eligible',
        },
        appeals: outcome.appeals.map((appeal) => `${label(appeal.by)} against ${appeal.against}, lodged ${londonDateTime(appeal.lodgedAt)}: ${label(appeal.stage).toLowerCase()}`),
        told: outcome.journeys.map((journey) => {
          const person = context.people.find((candidate) => candidate.journey.id === journey.journeyId);
          const last = journey.informed[journey.informed.length - 1];
          return { name: person?.name ?? journey.reference, told: last ? `Told of the ${last.stage ?? 'outcome'} ${londonDateTime(last.informedAt)}` : 'Not told yet' };
        }),
      })),
    };
  }

  private async windowsData(context: CaseContext): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    return {
      witnesses: context.people.map((person) => ({
        ...personRow(person),
        windows: person.journey.victimWindows.map((window) => ({
          title: window.title,
          right: window.right,
          started: londonDateTime(window.startedAt),
          askBy: window.askBy ? londonDateTime(window.askBy) : '',
          closes: londonDateTime(window.closesAt),
          hardLimit: window.hardLimit,
          tag: dueTag(window.closesAt, now),
        })),
      })),
    };
  }

  private async timelineData(page: Page, context: CaseContext): Promise<Record<string, unknown>> {
    const chosen = context.people.find((person) => person.journey.id === page.query.journey) ?? context.people[0];
    if (!chosen) return { items: [], total: 0, chooser: [] };
    const pageNumber = Math.min(Math.max(1, Number.parseInt(page.query.page ?? '1', 10) || 1), 10_000);
    const timeline = await this.journeys.timeline(page.actor, chosen.journey.id, { limit: TIMELINE_PAGE_SIZE, offset: (pageNumber - 1) * TIMELINE_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(timeline.total / TIMELINE_PAGE_SIZE));
    const base = `${context.base}/timeline?journey=${chosen.journey.id}`;
    return {
      chosenName: chosen.name,
      chooser: context.people.map((person) => ({ text: person.name, href: `${context.base}/timeline?journey=${person.journey.id}`, active: person === chosen })),
      items: timeline.items.map((event) => ({
        label: { text: label(event.type) },
        text: describeEvent(event.type, event.payload),
        datetime: { timestamp: event.occurredAt.toISOString(), type: 'datetime' },
        byline: { text: event.recordedBy?.name ?? 'the service' },
      })),
      total: timeline.total,
      pagination: pages > 1 && {
        previous: pageNumber > 1 ? { href: `${base}&page=${pageNumber - 1}`, text: 'Newer' } : undefined,
        next: pageNumber < pages ? { href: `${base}&page=${pageNumber + 1}`, text: 'Older' } : undefined,
      },
    };
  }

  // ---------------------------------------------------------------- forms

  private async showForm(page: Page, form: CaseForm | null): Promise<FastifyReply> {
    if (!form) return this.notFound(page);
    const context = await this.context(page, true);
    return page.render(form.view, { ...this.frame(context, form.section, form.title), answers: {}, errors: {}, ...(await form.data(context, false)) });
  }

  /**
   * Runs a change form: on success a banner and the section; on field problems the form
   * again with a GOV.UK error summary; on a stale version the form again with what changed
   * meanwhile and the new version, so nothing is overwritten unseen.
   */
  private async command(page: Page, form: CaseForm | null): Promise<FastifyReply> {
    if (!form) return this.notFound(page);
    let context = await this.context(page, true);
    let problems: FieldProblem[] | null = null;
    let refusal: string | null = null;
    let stale = false;
    try {
      await form.run(context);
      page.request.session.set('flash', { heading: form.done.heading, text: form.done.text });
      return page.redirect(form.done.section ? `${context.base}/${form.done.section}` : context.base);
    } catch (error) {
      problems = fieldProblemsOf(error);
      stale = isConflict(error);
      refusal = refusalOf(error);
      if (!problems && !stale && !refusal) throw error;
    }
    context = await this.context(page, true);
    const view: Record<string, unknown> = { ...this.frame(context, form.section, form.title), answers: page.form, errors: {}, ...(await form.data(context, stale)) };
    if (problems) Object.assign(view, summaryOf(problems.map((problem) => problemFor(problem, form.fieldIds ?? {}, form.messages ?? {}))));
    if (refusal) Object.assign(view, { errorList: [{ text: refusal, href: '#main-content' }] });
    if (stale) view.stale = { changes: await form.changes(context) };
    return page.render(form.view, view, stale ? 409 : 400);
  }

  /** The timeline entries of a journey recorded after the form was opened, as lines for the stale banner. */
  private async journeyChanges(page: Page, journeyId: string): Promise<string[]> {
    const loadedAt = Date.parse(field(page.form, 'loadedAt')) || 0;
    const recent = await this.journeys.timeline(page.actor, journeyId, { limit: 20, offset: 0 });
    return recent.items
      .filter((event) => event.recordedAt.getTime() > loadedAt)
      .map((event) => {
        const detail = describeEvent(event.type, event.payload);
        return `${label(event.type)}${detail ? ` (${detail})` : ''}, by ${event.recordedBy?.name ?? 'the service'}, ${londonDateTime(event.recordedAt)}`;
      });
  }

  private now(): Date {
    return this.clock.now();
  }

  /** A London date and time from the form, or a problem; `required` says what it is "of". */
  private instant(page: Page, name: string, what: string, problems: FieldProblem[]): string | undefined {
    const found = instantOf(dateTimeAnswer(page.form, name), name, what, { now: this.now(), shown: field(page.form, `${name}-shown`) });
    if (found.problem) problems.push({ ...found.problem, field: found.problem.field === name ? `${name}-day` : found.problem.field });
    return found.iso;
  }

  /** The date and time inputs' values: as sent, or now when the form opens (or comes back stale: the news it answers may be newer). */
  private dateTime(page: Page, stale: boolean, name: string): { value: DateTimeAnswer; shown: string } {
    if (page.request.method === 'POST' && !stale) return { value: dateTimeAnswer(page.form, name), shown: field(page.form, `${name}-shown`) };
    return { value: dateTimeNow(this.now()), shown: this.now().toISOString() };
  }

  private version(page: Page, name = 'version'): number {
    const version = Number.parseInt(field(page.form, name), 10);
    return Number.isInteger(version) ? version : -1;
  }

  private moveForm(page: Page): CaseForm | null {
    if (!this.ids(page, 'crimeId', 'hearingId')) return null;
    return {
      section: '',
      view: 'case/move-hearing.njk',
      title: 'Record a hearing change',
      fieldIds: { listedFor: 'listedFor-day', courtId: 'courtId', receivedAt: 'receivedAt-day' },
      messages: { courtId: 'Choose a court of the case’s area' },
      data: async (context, stale) => {
        const hearing = await this.hearing(page, context);
        const courts = await this.courts.courts(page.actor, context.crime.areaId);
        const chosen = page.request.method === 'POST' ? field(page.form, 'courtId') : hearing.court.id;
        const listedFor = page.request.method === 'POST' ? dateTimeAnswer(page.form, 'listedFor') : dateTimeNow(hearing.listedFor);
        return {
          hearing: hearingHeading(hearing),
          version: carried(page, stale, 'version', hearing.version),
          listingVersion: carried(page, stale, 'listingVersion', hearing.listingVersion),
          courts: courts.items.map((court) => ({ value: court.id, text: court.name, selected: court.id === chosen })),
          listedFor,
          receivedAt: this.dateTime(page, stale, 'receivedAt'),
        };
      },
      run: async () => {
        const problems: FieldProblem[] = [];
        const listedFor = instantOf(dateTimeAnswer(page.form, 'listedFor'), 'listedFor', 'the hearing is now listed for', { timeRequired: true });
        if (listedFor.problem) problems.push({ ...listedFor.problem, field: listedFor.problem.field === 'listedFor' ? 'listedFor-day' : listedFor.problem.field });
        const receivedAt = this.instant(page, 'receivedAt', 'the unit received the change', problems);
        if (problems.length) throw validationFailed(problems);
        const request = await asRequest(MoveHearingRequest, { listedFor: listedFor.iso, courtId: field(page.form, 'courtId') || undefined, receivedAt });
        await this.hearings.move(page.actor, page.params.hearingId, this.version(page), request, null);
      },
      changes: (context) => this.hearingChanges(page, context),
      done: { heading: 'Hearing change recorded', text: 'Everyone on the case is owed news of the new listing: tell each of them.', section: '' },
    };
  }

  private resultForm(page: Page): CaseForm | null {
    if (!this.ids(page, 'crimeId', 'hearingId')) return null;
    return {
      section: '',
      view: 'case/hearing-result.njk',
      title: "Record the trial's effectiveness",
      fieldIds: { heardAt: 'heardAt-day', effectiveness: 'effectiveness', effectivenessReason: 'effectivenessReason' },
      messages: { effectiveness: 'Select whether the trial was effective, cracked or ineffective' },
      data: async (context, stale) => {
        const hearing = await this.hearing(page, context);
        const chosenReason = field(page.form, 'effectivenessReason');
        const reasonItems = (kind: 'cracked' | 'ineffective') =>
          EFFECTIVENESS_REASON_CODES.filter((code) => (EFFECTIVENESS_REASONS[code].explains as readonly string[]).includes(kind)).map((code) => ({
            value: code,
            text: `${label(code)}${EFFECTIVENESS_REASONS[code].witnessIssue ? ' (a witness issue)' : ''}`,
            selected: code === chosenReason,
          }));
        return {
          hearing: hearingHeading(hearing),
          version: carried(page, stale, 'version', hearing.version),
          listingVersion: carried(page, stale, 'listingVersion', hearing.listingVersion),
          isTrial: hearing.type === 'trial',
          effectiveness: choices(TRIAL_EFFECTIVENESS, field(page.form, 'effectiveness')),
          reasonGroups: [
            { label: 'Cracked: ended on the day without a trial', items: reasonItems('cracked') },
            { label: 'Ineffective: did not go ahead, to be relisted', items: reasonItems('ineffective').filter((item) => !reasonItems('cracked').some((cracked) => cracked.value === item.value)) },
          ],
          chosenReason,
          heardAt: this.dateTime(page, stale, 'heardAt'),
        };
      },
      run: async () => {
        const problems: FieldProblem[] = [];
        const heardAt = this.instant(page, 'heardAt', 'the hearing was heard', problems);
        if (problems.length) throw validationFailed(problems);
        const request = await asRequest(HearingResultRequest, {
          heardAt,
          effectiveness: field(page.form, 'effectiveness') || undefined,
          effectivenessReason: field(page.form, 'effectivenessReason') || undefined,
        });
        // The courts' reason must explain the outcome: the service says so, and the page says it for the reason's field.
        await this.hearings.result(page.actor, page.params.hearingId, this.version(page), request, null);
      },
      changes: (context) => this.hearingChanges(page, context),
      done: { heading: 'Hearing result recorded', section: '' },
    };
  }

  /** What happened to the hearing since the form's listing version: newer versions, or its result. */
  private async hearingChanges(page: Page, context: CaseContext): Promise<string[]> {
    const hearing = await this.hearing(page, context);
    const seen = Number.parseInt(field(page.form, 'listingVersion'), 10) || 0;
    const courtNames = await this.courtNames(page);
    const lines = versionRows(hearing, courtNames)
      .filter((row) => row.version > seen)
      .map((row) => `Listing ${row.version}: ${row.change}${row.when ? `, ${row.when}` : ''}${row.what ? ` (${row.what})` : ''}`);
    if (hearing.status === 'heard') lines.push(`Heard ${londonDateTime(hearing.heardAt)}${hearing.effectiveness ? `: ${label(hearing.effectiveness).toLowerCase()}` : ''}`);
    return lines.length ? lines : ['The hearing’s record was updated'];
  }

  private toldForm(page: Page): CaseForm | null {
    if (!this.ids(page, 'crimeId', 'hearingId', 'journeyId')) return null;
    return {
      section: '',
      view: 'case/told.njk',
      title: 'Record that they were told of this hearing',
      fieldIds: { informedAt: 'informedAt-day', method: 'method', hearingVersion: 'main-content' },
      messages: { method: 'Select how they were told' },
      data: async (context, stale) => {
        const hearing = await this.hearing(page, context);
        const person = this.person(context, page.params.journeyId);
        return {
          hearing: hearingHeading(hearing),
          person: personHeading(person),
          version: carried(page, stale, 'version', person.journey.version),
          hearingVersion: carried(page, stale, 'hearingVersion', hearing.listingVersion),
          methods: choices(INFORMING_METHODS, field(page.form, 'method')),
          informedAt: this.dateTime(page, stale, 'informedAt'),
        };
      },
      run: async () => {
        const problems: FieldProblem[] = [];
        const informedAt = this.instant(page, 'informedAt', 'they were told', problems);
        if (problems.length) throw validationFailed(problems);
        const request = await asRequest(HearingInformedRequest, {
          informedAt,
          method: field(page.form, 'method') || undefined,
          hearingVersion: Number.parseInt(field(page.form, 'hearingVersion'), 10) || 0,
        });
        await this.informed.hearing(page.actor, page.params.journeyId, page.params.hearingId, request, this.version(page));
      },
      changes: () => this.journeyChanges(page, page.params.journeyId),
      done: { heading: 'Recorded as told of the hearing', section: '' },
    };
  }

  private warningForm(page: Page): CaseForm | null {
    if (!this.ids(page, 'crimeId', 'hearingId', 'journeyId')) return null;
    return {
      section: 'warnings',
      view: 'case/warning.njk',
      title: 'Record a warning to attend',
      fieldIds: { warnedAt: 'warnedAt-day', method: 'method' },
      messages: { method: 'Select how the witness was warned' },
      data: async (context, stale) => {
        const hearing = await this.hearing(page, context);
        const person = this.person(context, page.params.journeyId);
        return {
          hearing: hearingHeading(hearing),
          person: personHeading(person),
          version: carried(page, stale, 'version', person.journey.version),
          methods: choices(WARNING_METHODS, field(page.form, 'method')),
          warnedAt: this.dateTime(page, stale, 'warnedAt'),
        };
      },
      run: async () => {
        const problems: FieldProblem[] = [];
        const warnedAt = this.instant(page, 'warnedAt', 'they were warned', problems);
        if (problems.length) throw validationFailed(problems);
        const request = await asRequest(WarnWitnessRequest, { warnedAt, method: field(page.form, 'method') || undefined });
        await this.attendance.warn(page.actor, page.params.journeyId, page.params.hearingId, this.version(page), request);
      },
      changes: () => this.journeyChanges(page, page.params.journeyId),
      done: { heading: 'Warning recorded', section: 'warnings' },
    };
  }

  private attendanceForm(page: Page): CaseForm | null {
    if (!this.ids(page, 'crimeId', 'hearingId', 'journeyId')) return null;
    const current = async (context: CaseContext) => {
      const person = this.person(context, page.params.journeyId);
      return { person, recorded: (person.witnessCare?.attendance ?? []).find((candidate) => candidate.hearingId === page.params.hearingId) ?? null };
    };
    return {
      section: 'attendance',
      view: 'case/attendance-form.njk',
      title: 'Record attendance',
      fieldIds: { outcome: 'outcome', reason: 'reason' },
      messages: { outcome: 'Select whether the witness attended', reason: 'Select why the witness did not attend (only when they failed to attend)' },
      data: async (context, stale) => {
        const hearing = await this.hearing(page, context);
        const { person, recorded } = await current(context);
        const posted = page.request.method === 'POST';
        return {
          hearing: hearingHeading(hearing),
          person: personHeading(person),
          correcting: Boolean(recorded),
          recorded: recorded && `${label(recorded.outcome)}${recorded.reason ? `: ${label(recorded.reason).toLowerCase()}` : ''}`,
          // A correction is of the attendance row; a first record, of the journey.
          version: carried(page, stale, 'version', recorded ? recorded.version : person.journey.version),
          outcomes: choices(ATTENDANCE_OUTCOMES, posted ? field(page.form, 'outcome') : recorded?.outcome),
          reasons: [{ value: '', text: 'Choose a reason' }, ...choices(NON_ATTENDANCE_REASONS, posted ? field(page.form, 'reason') : recorded?.reason, 'selected')],
        };
      },
      run: async (context) => {
        const { recorded } = await current(context);
        const outcome = field(page.form, 'outcome');
        const request = await asRequest(RecordAttendanceRequest, {
          outcome: outcome || undefined,
          // Asked only for a failure to attend: a reason left over from another answer is not sent.
          reason: outcome === 'failed_to_attend' ? field(page.form, 'reason') || undefined : undefined,
        });
        if (field(page.form, 'correcting') === 'yes' || recorded) {
          if (!recorded || field(page.form, 'correcting') !== 'yes') throw CommonError.of('CONFLICT', 'Attendance was recorded meanwhile');
          await this.attendance.correctAttendance(page.actor, page.params.journeyId, page.params.hearingId, this.version(page), request);
        } else {
          await this.attendance.recordAttendance(page.actor, page.params.journeyId, page.params.hearingId, request, this.version(page));
        }
      },
      changes: () => this.journeyChanges(page, page.params.journeyId),
      done: { heading: 'Attendance recorded', section: 'attendance' },
    };
  }

  private followUpForm(page: Page): CaseForm | null {
    if (!this.ids(page, 'crimeId', 'hearingId', 'journeyId')) return null;
    return {
      section: 'attendance',
      view: 'case/follow-up.njk',
      title: 'Resolve a failure to attend',
      fieldIds: { resolvedAt: 'resolvedAt-day', note: 'note' },
      messages: { note: 'Select how the follow-up ended' },
      data: async (context, stale) => {
        const hearing = await this.hearing(page, context);
        const person = this.person(context, page.params.journeyId);
        const recorded = (person.witnessCare?.attendance ?? []).find((candidate) => candidate.hearingId === hearing.id) ?? null;
        return {
          hearing: hearingHeading(hearing),
          person: personHeading(person),
          recorded: recorded && `${label(recorded.outcome)}${recorded.reason ? `: ${label(recorded.reason).toLowerCase()}` : ''}`,
          version: carried(page, stale, 'version', recorded?.version ?? -1),
          notes: choices(FOLLOW_UP_NOTES, field(page.form, 'note')),
          resolvedAt: this.dateTime(page, stale, 'resolvedAt'),
        };
      },
      run: async () => {
        const problems: FieldProblem[] = [];
        const resolvedAt = this.instant(page, 'resolvedAt', 'the follow-up ended', problems);
        if (problems.length) throw validationFailed(problems);
        const request = await asRequest(ResolveFollowUpRequest, { resolvedAt, note: field(page.form, 'note') || undefined });
        await this.attendance.resolveFollowUp(page.actor, page.params.journeyId, page.params.hearingId, this.version(page), request);
      },
      changes: () => this.journeyChanges(page, page.params.journeyId),
      done: { heading: 'Follow-up resolved', section: 'attendance' },
    };
  }

  private requestMeasureForm(page: Page): CaseForm | null {
    if (!this.ids(page, 'crimeId', 'journeyId')) return null;
    return {
      section: 'special-measures',
      view: 'case/request-measure.njk',
      title: 'Record a special measure requested',
      fieldIds: { measure: 'measure', hearingId: 'hearingId', requestedAt: 'requestedAt-day' },
      messages: { measure: 'Select the special measure' },
      data: async (context, stale) => {
        const person = this.person(context, page.params.journeyId);
        const hearings = await this.hearings.forCrime(page.actor, context.crime.id);
        const chosen = field(page.form, 'hearingId');
        return {
          person: personHeading(person),
          version: carried(page, stale, 'version', person.journey.version),
          measures: choices(SPECIAL_MEASURES, field(page.form, 'measure')),
          hearings: [
            { value: '', text: 'Any hearing' },
            ...hearings.items.filter((hearing) => hearing.status === 'listed').map((hearing) => ({ value: hearing.id, text: `${label(hearing.type)}, ${londonDateTime(hearing.listedFor)}`, selected: hearing.id === chosen })),
          ],
          requestedAt: this.dateTime(page, stale, 'requestedAt'),
        };
      },
      run: async () => {
        const problems: FieldProblem[] = [];
        const requestedAt = this.instant(page, 'requestedAt', 'it was requested', problems);
        if (problems.length) throw validationFailed(problems);
        const request = await asRequest(RequestSpecialMeasureRequest, { measure: field(page.form, 'measure') || undefined, requestedAt, hearingId: field(page.form, 'hearingId') || undefined });
        await this.specialMeasures.request(page.actor, page.params.journeyId, this.version(page), request);
      },
      changes: () => this.journeyChanges(page, page.params.journeyId),
      done: { heading: 'Special measure requested', section: 'special-measures' },
    };
  }

  private measureStepForm(page: Page): CaseForm | null {
    if (!this.ids(page, 'crimeId', 'measureId', 'journeyId')) return null;
    const measureOf = (context: CaseContext) => {
      const person = this.person(context, page.params.journeyId);
      const measure = (person.witnessCare?.specialMeasures ?? []).find((candidate) => candidate.id === page.params.measureId);
      if (!measure) throw notFound('The special measure');
      return { person, measure };
    };
    return {
      section: 'special-measures',
      view: 'case/measure-step.njk',
      title: 'Record a special measure step',
      fieldIds: { at: 'at-day', decision: 'decision', reason: 'reason' },
      messages: { reason: 'Select why the court refused the measure', at: 'The date must not be in the future, nor before the step before it' },
      data: async (context, stale) => {
        const { person, measure } = measureOf(context);
        const step = field(page.form, 'step') || measure.status;
        return {
          person: personHeading(person),
          measure: { ...measure, text: label(measure.measure), statusText: label(measure.status), requested: londonDateTime(measure.requestedAt), appliedFor: measure.appliedForAt ? londonDateTime(measure.appliedForAt) : null },
          // The step the form was opened for: a stale one shows the measure as it is now.
          step: page.request.method === 'POST' && !stale ? step : measure.status,
          version: carried(page, stale, 'version', measure.version),
          decisions: choices(['granted', 'refused'], field(page.form, 'decision')),
          reasons: [{ value: '', text: 'Choose a reason' }, ...choices(SPECIAL_MEASURE_REFUSAL_REASONS, field(page.form, 'reason'), 'selected')],
          at: this.dateTime(page, stale, 'at'),
        };
      },
      run: async () => {
        const problems: FieldProblem[] = [];
        const at = this.instant(page, 'at', 'of this step', problems);
        const step = field(page.form, 'step');
        const decision = field(page.form, 'decision');
        if (step === 'applied_for' && !decision) problems.push({ field: 'decision', message: 'Select whether the court granted or refused the measure' });
        if (problems.length) throw validationFailed(problems);
        const version = this.version(page);
        if (step === 'requested') {
          await this.specialMeasures.appliedFor(page.actor, page.params.journeyId, page.params.measureId, version, (await asRequest(SpecialMeasureStepRequest, { at })).at);
        } else if (decision === 'granted') {
          await this.specialMeasures.granted(page.actor, page.params.journeyId, page.params.measureId, version, (await asRequest(SpecialMeasureStepRequest, { at })).at);
        } else {
          const request = await asRequest(RefuseSpecialMeasureRequest, { at, reason: field(page.form, 'reason') || undefined });
          await this.specialMeasures.refused(page.actor, page.params.journeyId, page.params.measureId, version, request);
        }
      },
      changes: async (context) => {
        const { measure } = measureOf(context);
        return [`The measure is now ${label(measure.status).toLowerCase()}${measure.decidedAt ? ` (decided ${londonDateTime(measure.decidedAt)})` : measure.appliedForAt ? ` (applied for ${londonDateTime(measure.appliedForAt)})` : ''}`];
      },
      done: { heading: 'Special measure updated', section: 'special-measures' },
    };
  }
}

/**
 * The version a form carries: the record's when the form opens, or when it comes back
 * stale (so saving again, having seen what changed, is deliberate); the one sent when it
 * comes back with field errors (so a change made meanwhile is still caught).
 */
function carried(page: Page, stale: boolean, name: string, current: number): string | number {
  return page.request.method === 'POST' && !stale ? field(page.form, name) : current;
}

/** A hearing as a form names it: its type and court, and when it is listed for. */
function hearingHeading(hearing: HearingResponse) {
  return { ...hearing, title: `${label(hearing.type)} at ${hearing.court.name}`, when: londonDateTime(hearing.listedFor) };
}

function personHeading(person: CasePerson) {
  return { name: person.name, role: label(person.journey.role) };
}

function personRow(person: CasePerson) {
  return { name: person.name, href: person.href, reference: person.journey.reference, role: label(person.journey.role), enhanced: person.journey.enhancedRights.entitled };
}

/** Each version of a hearing as the court made it, oldest first, with what changed from the one before. */
function versionRows(hearing: HearingResponse, courtNames: Map<string, string>) {
  return hearing.listings.map((listing, index) => {
    const before = index > 0 ? hearing.listings[index - 1] : null;
    const changes: string[] = [];
    if (before && listing.listedFor && before.listedFor && listing.listedFor.getTime() !== before.listedFor.getTime()) {
      changes.push(`date and time from ${londonDateTime(before.listedFor)} to ${londonDateTime(listing.listedFor)}`);
    }
    if (before && listing.courtId !== before.courtId) changes.push(`court from ${courtNames.get(before.courtId) ?? 'another court'} to ${courtNames.get(listing.courtId) ?? 'another court'}`);
    if (listing.reason) changes.push(`reason: ${label(listing.reason).toLowerCase()}`);
    if (listing.change === 'adjourned' && !listing.listedFor) changes.push('no new date yet');
    return {
      version: listing.listingVersion,
      change: label(listing.change),
      when: listing.listedFor ? londonDateTime(listing.listedFor) : '',
      court: courtNames.get(listing.courtId) ?? '',
      what: capitalised(before ? changes.join('; ') || 'no change to date or court' : 'first listing'),
      occurred: londonDateTime(listing.occurredAt),
    };
  });
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
