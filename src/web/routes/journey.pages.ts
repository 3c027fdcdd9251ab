import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CR_1, END_SCORE_MISSING_REASONS } from '../../../libs/cope-recover/src/index.js';
import { DUTY_WITHDRAWAL_REASONS } from '../../../libs/victims-code/src/index.js';
import { CASE_ROLES, JOURNEY_WORKERS, SUPERVISORS } from '../../access/roles.js';
import { Clock } from '../../app/clock.js';
import { notFound, validationFailed } from '../../app/common.errors.js';
import type { FieldProblem } from '../../app/domain-error.js';
import type { JourneyResponse } from '../../journeys/dto/journey.dto.js';
import { AssignLeadRequest, ContactPreferencesRequest, INFORMATION_KINDS, RecordSharingConsentRequest, WithdrawDutyRequest } from '../../journeys/dto/journey-management.dto.js';
import { DutyWithdrawalsService } from '../../journeys/duty-withdrawals.service.js';
import { JourneyManagementService } from '../../journeys/journey-management.service.js';
import { CLOSURE_REASONS, HANDOVER_REASONS } from '../../journeys/journey-vocabulary.js';
import { JourneysService } from '../../journeys/journeys.service.js';
import { SharingConsentsService } from '../../journeys/sharing-consents.service.js';
import { ClosureService } from '../../support/closure.service.js';
import { ContactAttemptsService } from '../../support/contact-attempts.service.js';
import { CopeRecoverService } from '../../support/cope-recover.service.js';
import { CloseJourneyRequest } from '../../support/dto/closure.dto.js';
import { RecordContactAttemptRequest } from '../../support/dto/contact-attempt.dto.js';
import { RecordEndScoreRequest, RecordStartScoreRequest } from '../../support/dto/cope-recover.dto.js';
import { RecordNeedsAssessmentRequest } from '../../support/dto/needs-assessment.dto.js';
import { MakeOnwardReferralRequest } from '../../support/dto/onward-referral.dto.js';
import { AddSupportActionRequest, UpdateSupportActionRequest } from '../../support/dto/support-action.dto.js';
import { NeedsAssessmentsService } from '../../support/needs-assessments.service.js';
import { OnwardReferralsService } from '../../support/onward-referrals.service.js';
import { SupportPlanService } from '../../support/support-plan.service.js';
import {
  ASSESSMENT_DECISIONS,
  CONTACT_METHODS,
  CONTACT_OUTCOMES,
  NEED_AREAS,
  NEED_LEVELS,
  ONWARD_SERVICES,
  SUPPORT_WANTED_ANSWERS,
} from '../../support/support-vocabulary.js';
import { asRequest, calendarDateOf, dateTimeAnswer, dateTimeNow, instantOf } from '../forms.js';
import { choices, label } from '../labels.js';
import { dueTag, londonDateTime } from '../london-time.js';
import { field, fieldProblemsOf, fields, isConflict, optional, type Page, type PageRouter, problemFor, refusalOf, summaryOf } from '../page.js';
import { describeEvent } from '../timeline-text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMELINE_PAGE_SIZE = 20;

export const JOURNEY_SECTIONS = [
  { id: '', text: 'Overview' },
  { id: 'timeline', text: 'Timeline' },
  { id: 'duties', text: "Victims' Code" },
  { id: 'contact', text: 'Contact' },
  { id: 'needs', text: 'Needs assessment' },
  { id: 'cope-recover', text: 'Cope and recover' },
  { id: 'support-plan', text: 'Support plan' },
  { id: 'consent', text: 'Consent and preferences' },
  { id: 'handover', text: 'Handover' },
  { id: 'close', text: 'Close' },
] as const;
type SectionId = (typeof JOURNEY_SECTIONS)[number]['id'];

interface CommandForm {
  section: SectionId;
  view: string;
  /** What the form shows besides the journey: built again when the form comes back with errors. */
  data: () => Promise<Record<string, unknown>>;
  /** Turns the answers into the API's request and runs the command; problems found on the page first. */
  run: (version: number) => Promise<unknown>;
  fieldIds?: Record<string, string>;
  done: { heading: string; text?: string; redirect?: string };
}

/**
 * The journey page and its sections (MoJ sub-navigation). Every read goes through the same
 * services as the API (scoped to the caller's areas, audited); every change form carries
 * the journey's version, so a change made meanwhile by someone else is shown, never
 * overwritten.
 */
@Injectable()
export class JourneyPages {
  constructor(
    private readonly journeys: JourneysService,
    private readonly management: JourneyManagementService,
    private readonly sharingConsents: SharingConsentsService,
    private readonly contacts: ContactAttemptsService,
    private readonly needs: NeedsAssessmentsService,
    private readonly copeRecover: CopeRecoverService,
    private readonly supportPlan: SupportPlanService,
    private readonly onwardReferrals: OnwardReferralsService,
    private readonly closure: ClosureService,
    private readonly withdrawals: DutyWithdrawalsService,
    private readonly clock: Clock,
  ) {}

  routes(router: PageRouter): void {
    router.get('/journeys/:id', CASE_ROLES, (page) => this.overview(page));
    router.get('/journeys/:id/timeline', CASE_ROLES, (page) => this.timeline(page));
    router.get('/journeys/:id/duties', CASE_ROLES, (page) => this.duties(page));
    router.get('/journeys/:id/duties/:dutyId/withdrawal', SUPERVISORS, (page) => this.show(page, 'duties', 'journey/withdraw-duty.njk', () => this.withdrawalData(page)));
    router.post('/journeys/:id/duties/:dutyId/withdrawal', SUPERVISORS, (page) => this.withdrawDuty(page));
    router.get('/journeys/:id/contact', JOURNEY_WORKERS, (page) => this.show(page, 'contact', 'journey/contact.njk', () => this.contactData(page)));
    router.post('/journeys/:id/contact', JOURNEY_WORKERS, (page) => this.recordContact(page));
    router.get('/journeys/:id/needs', JOURNEY_WORKERS, (page) => this.show(page, 'needs', 'journey/needs.njk', () => this.needsData(page)));
    router.post('/journeys/:id/needs', JOURNEY_WORKERS, (page) => this.recordNeeds(page));
    router.get('/journeys/:id/cope-recover', JOURNEY_WORKERS, (page) => this.show(page, 'cope-recover', 'journey/cope-recover.njk', () => this.copeRecoverData(page)));
    router.post('/journeys/:id/cope-recover/:point', JOURNEY_WORKERS, (page) => this.recordScore(page));
    router.get('/journeys/:id/support-plan', JOURNEY_WORKERS, (page) => this.show(page, 'support-plan', 'journey/support-plan.njk', () => this.supportPlanData(page)));
    router.post('/journeys/:id/support-plan', JOURNEY_WORKERS, (page) => this.addAction(page));
    router.post('/journeys/:id/support-plan/:actionId', JOURNEY_WORKERS, (page) => this.finishAction(page));
    router.post('/journeys/:id/onward-referrals', JOURNEY_WORKERS, (page) => this.makeOnwardReferral(page));
    router.get('/journeys/:id/consent', JOURNEY_WORKERS, (page) => this.show(page, 'consent', 'journey/consent.njk', () => this.consentData(page)));
    router.post('/journeys/:id/preferences', JOURNEY_WORKERS, (page) => this.setPreferences(page));
    router.post('/journeys/:id/sharing-consents', JOURNEY_WORKERS, (page) => this.recordSharingConsent(page));
    router.get('/journeys/:id/handover', JOURNEY_WORKERS, (page) => this.show(page, 'handover', 'journey/handover.njk', () => this.handoverData(page)));
    router.post('/journeys/:id/handover', JOURNEY_WORKERS, (page) => this.handover(page));
    router.get('/journeys/:id/close', JOURNEY_WORKERS, (page) => this.show(page, 'close', 'journey/close.njk', () => this.closeData(page)));
    router.post('/journeys/:id/close', JOURNEY_WORKERS, (page) => this.close(page));
  }

  // ---------------------------------------------------------------- reads

  private id(page: Page): string | null {
    return UUID.test(page.params.id ?? '') ? page.params.id : null;
  }

  private notFound(page: Page): Promise<FastifyReply> {
    return page.render('errors/404.njk', { pageTitle: 'Page not found' }, 404);
  }

  private frame(page: Page, journey: JourneyResponse, section: SectionId) {
    const base = `/journeys/${journey.id}`;
    const workers = page.user.roles.some((role) => JOURNEY_WORKERS.includes(role));
    return {
      journey,
      base,
      section,
      sectionTitle: JOURNEY_SECTIONS.find((candidate) => candidate.id === section)!.text,
      subNavigation: JOURNEY_SECTIONS.filter((candidate) => workers || ['', 'timeline', 'duties'].includes(candidate.id)).map((candidate) => ({
        text: candidate.text,
        href: candidate.id ? `${base}/${candidate.id}` : base,
        active: candidate.id === section,
      })),
      closed: journey.stage === 'closed',
      loadedAt: this.clock.now().toISOString(),
    };
  }

  private async overview(page: Page): Promise<FastifyReply> {
    const id = this.id(page);
    if (!id) return this.notFound(page);
    const journey = await this.journeys.get(page.actor, id);
    const duties = await this.journeys.duties(page.actor, id);
    const now = this.clock.now();
    const nextDuties = duties.items
      .filter((duty) => duty.status === 'open' || duty.status === 'breached')
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, 5)
      .map((duty) => ({ ...duty, rule: label(duty.ruleId), ownerName: label(duty.owner), due: londonDateTime(duty.dueAt), tag: dueTag(duty.dueAt, now) }));
    return page.render('journey/overview.njk', { ...this.frame(page, journey, ''), pageTitle: `${journey.person.givenName} ${journey.person.familyName}`, nextDuties });
  }

  private async timeline(page: Page): Promise<FastifyReply> {
    const id = this.id(page);
    if (!id) return this.notFound(page);
    const pageNumber = Math.min(Math.max(1, Number.parseInt(page.query.page ?? '1', 10) || 1), 10_000);
    const journey = await this.journeys.get(page.actor, id);
    const timeline = await this.journeys.timeline(page.actor, id, { limit: TIMELINE_PAGE_SIZE, offset: (pageNumber - 1) * TIMELINE_PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(timeline.total / TIMELINE_PAGE_SIZE));
    const base = `/journeys/${id}/timeline`;
    return page.render('journey/timeline.njk', {
      ...this.frame(page, journey, 'timeline'),
      pageTitle: `Timeline - ${journey.person.givenName} ${journey.person.familyName}`,
      items: timeline.items.map((event) => ({
        label: { text: label(event.type) },
        text: describeEvent(event.type, event.payload),
        datetime: { timestamp: event.occurredAt.toISOString(), type: 'datetime' },
        byline: { text: event.recordedBy?.name ?? 'the service' },
      })),
      total: timeline.total,
      pagination: pages > 1 && {
        previous: pageNumber > 1 ? { href: `${base}?page=${pageNumber - 1}`, text: 'Newer' } : undefined,
        next: pageNumber < pages ? { href: `${base}?page=${pageNumber + 1}`, text: 'Older' } : undefined,
      },
    });
  }

  private async duties(page: Page): Promise<FastifyReply> {
    const id = this.id(page);
    if (!id) return this.notFound(page);
    const journey = await this.journeys.get(page.actor, id);
    const duties = await this.journeys.duties(page.actor, id);
    const now = this.clock.now();
    return page.render('journey/duties.njk', {
      ...this.frame(page, journey, 'duties'),
      pageTitle: `Victims' Code - ${journey.person.givenName} ${journey.person.familyName}`,
      duties: duties.items.map((duty) => ({
        ...duty,
        rule: label(duty.ruleId),
        ownerName: label(duty.owner),
        statusText: label(duty.status),
        due: londonDateTime(duty.dueAt),
        met: duty.metAt ? londonDateTime(duty.metAt) : '',
        tag: duty.status === 'open' ? dueTag(duty.dueAt, now) : null,
      })),
      optedOutOf: duties.optedOutOf.map(label),
      informationVia: duties.informationVia,
      canWithdraw: page.user.roles.some((role) => SUPERVISORS.includes(role)) && journey.stage !== 'closed',
      // The victim's own windows (ULS, VRR): they chase no owner and never breach, but they close.
      victimWindows: journey.victimWindows.map((window) => ({
        ...window,
        started: londonDateTime(window.startedAt),
        askBy: window.askBy ? londonDateTime(window.askBy) : null,
        closes: londonDateTime(window.closesAt),
        closesAtIso: new Date(window.closesAt).toISOString(),
        subjectText: WINDOW_SUBJECTS[window.subject.kind] ?? label(window.subject.kind),
      })),
    });
  }

  /** The duty a supervisor is withdrawing, as the duties page shows it; a 404 for any other. */
  private async withdrawalData(page: Page): Promise<Record<string, unknown>> {
    const duties = await this.journeys.duties(page.actor, page.params.id);
    const duty = duties.items.find((candidate) => candidate.id === page.params.dutyId);
    if (!duty) throw notFound('The duty');
    return {
      duty: { ...duty, rule: label(duty.ruleId), ownerName: label(duty.owner), statusText: label(duty.status), due: londonDateTime(duty.dueAt) },
      reasons: DUTY_WITHDRAWAL_REASONS.map((reason) => ({
        value: reason,
        text: label(reason),
        hint: { text: WITHDRAWAL_HINTS[reason] },
        checked: field(page.form, 'reason') === reason,
      })),
      owed: duty.status === 'open' || duty.status === 'breached',
    };
  }

  private withdrawDuty(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'duties',
      view: 'journey/withdraw-duty.njk',
      data: () => this.withdrawalData(page),
      fieldIds: { reason: 'reason', note: 'note' },
      run: async (version) => {
        const problems: FieldProblem[] = [];
        if (!field(page.form, 'reason')) problems.push({ field: 'reason', message: 'Select why the duty is withdrawn' });
        if (!field(page.form, 'note')) problems.push({ field: 'note', message: 'Enter what happened, for whoever reads this duty later' });
        if (problems.length) throw validation(problems);
        const dutyId = UUID.test(page.params.dutyId ?? '') ? page.params.dutyId : '00000000-0000-0000-0000-000000000000';
        const request = await asRequest(WithdrawDutyRequest, { reason: field(page.form, 'reason'), note: field(page.form, 'note') });
        await this.withdrawals.withdraw(page.actor, page.params.id, dutyId, version, request);
      },
      done: { heading: 'Duty withdrawn', text: 'It is no longer owed; the timeline records the withdrawal and its reason.', redirect: `/journeys/${page.params.id}/duties` },
    });
  }

  /** A section's page: the journey's frame and the section's data. */
  private async show(page: Page, section: SectionId, view: string, data: () => Promise<Record<string, unknown>>): Promise<FastifyReply> {
    const id = this.id(page);
    if (!id) return this.notFound(page);
    const journey = await this.journeys.get(page.actor, id);
    return page.render(view, { ...this.frame(page, journey, section), pageTitle: `${JOURNEY_SECTIONS.find((s) => s.id === section)!.text} - ${journey.person.givenName} ${journey.person.familyName}`, ...(await data()) });
  }

  // ---------------------------------------------------------------- commands

  /**
   * Runs a change form: on success a banner and the journey; on field problems the form
   * again with a GOV.UK error summary; on a stale version the form again, with what
   * changed meanwhile and the new version, so nothing is overwritten unseen.
   */
  private async command(page: Page, form: CommandForm): Promise<FastifyReply> {
    const id = this.id(page);
    if (!id) return this.notFound(page);
    const version = Number.parseInt(field(page.form, 'version'), 10);
    let problems: FieldProblem[] | null = null;
    let refusal: string | null = null;
    let stale = false;
    try {
      await form.run(Number.isInteger(version) ? version : -1);
      page.request.session.set('flash', { heading: form.done.heading, text: form.done.text });
      return page.redirect(form.done.redirect ?? `/journeys/${id}`);
    } catch (error) {
      problems = fieldProblemsOf(error);
      stale = isConflict(error);
      refusal = refusalOf(error);
      if (!problems && !stale && !refusal) throw error;
    }
    const journey = await this.journeys.get(page.actor, id);
    const frame = this.frame(page, journey, form.section);
    const context: Record<string, unknown> = {
      ...frame,
      pageTitle: `${frame.sectionTitle} - ${journey.person.givenName} ${journey.person.familyName}`,
      ...(await form.data()),
      answers: page.form,
    };
    if (problems) Object.assign(context, summaryOf(problems.map((problem) => problemFor(problem, form.fieldIds ?? {}))));
    if (refusal) Object.assign(context, { errorList: [{ text: refusal, href: '#main-content' }] });
    if (stale) {
      const loadedAt = Date.parse(field(page.form, 'loadedAt')) || 0;
      const recent = await this.journeys.timeline(page.actor, id, { limit: 20, offset: 0 });
      context.stale = {
        changes: recent.items
          .filter((event) => event.recordedAt.getTime() > loadedAt)
          .map((event) => ({ what: label(event.type), detail: describeEvent(event.type, event.payload), by: event.recordedBy?.name ?? 'the service', at: londonDateTime(event.recordedAt) })),
      };
    }
    return page.render(form.view, context, stale ? 409 : 400);
  }

  private contactData(page: Page): Promise<Record<string, unknown>> {
    return this.contacts.list(page.actor, page.params.id).then((attempts) => ({
      methods: choices(CONTACT_METHODS, field(page.form, 'method')),
      outcomes: choices(CONTACT_OUTCOMES, field(page.form, 'outcome')),
      supportWanted: choices(SUPPORT_WANTED_ANSWERS, field(page.form, 'supportWanted')),
      attemptedAt: page.request.method === 'POST' ? dateTimeAnswer(page.form, 'attemptedAt') : dateTimeNow(this.clock.now()),
      attemptedAtShown: page.request.method === 'POST' ? field(page.form, 'attemptedAt-shown') : this.clock.now().toISOString(),
      attempts: attempts.items.map((attempt) => ({ ...attempt, at: londonDateTime(attempt.attemptedAt), methodText: label(attempt.method), outcomeText: label(attempt.outcome) })),
    }));
  }

  private recordContact(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'contact',
      view: 'journey/contact.njk',
      data: () => this.contactData(page),
      fieldIds: { method: 'method', outcome: 'outcome', attemptedAt: 'attemptedAt-day', 'attemptedAt-time': 'attemptedAt-time', supportWanted: 'supportWanted', notes: 'notes' },
      run: async (version) => {
        const problems: FieldProblem[] = [];
        if (!field(page.form, 'method')) problems.push({ field: 'method', message: 'Select how you tried to contact the victim' });
        if (!field(page.form, 'outcome')) problems.push({ field: 'outcome', message: 'Select what happened' });
        const attemptedAt = instantOf(dateTimeAnswer(page.form, 'attemptedAt'), 'attemptedAt', 'of the attempt', { now: this.clock.now(), shown: field(page.form, 'attemptedAt-shown') });
        if (attemptedAt.problem) problems.push(attemptedAt.problem);
        if (problems.length) throw validation(problems);
        const outcome = field(page.form, 'outcome');
        const request = await asRequest(RecordContactAttemptRequest, {
          method: field(page.form, 'method'),
          outcome,
          attemptedAt: attemptedAt.iso,
          notes: optional(page.form, 'notes'),
          // Asked only when the victim was reached: an answer left over from another outcome is not sent.
          supportWanted: outcome === 'contacted' ? optional(page.form, 'supportWanted') : undefined,
        });
        await this.contacts.record(page.actor, page.params.id, version, request);
      },
      done: { heading: 'Contact attempt recorded' },
    });
  }

  private async needsData(page: Page): Promise<Record<string, unknown>> {
    const [assessments, scores] = await Promise.all([this.needs.list(page.actor, page.params.id), this.copeRecover.get(page.actor, page.params.id)]);
    return {
      areas: NEED_AREAS.map((area) => ({ area, text: label(area), levels: choices(NEED_LEVELS, field(page.form, `need-${area}`)) })),
      decisions: choices(ASSESSMENT_DECISIONS, field(page.form, 'decision')),
      completedAt: page.request.method === 'POST' ? dateTimeAnswer(page.form, 'completedAt') : dateTimeNow(this.clock.now()),
      needsStartScore: !scores.start,
      domains: scoreDomains(page, 'start'),
      assessments: assessments.items.map((assessment) => ({
        at: londonDateTime(assessment.completedAt),
        decision: label(assessment.decision),
        needs: assessment.needs.filter((need) => need.level !== 'none').map((need) => `${label(need.area)}: ${label(need.level)}`),
      })),
    };
  }

  private recordNeeds(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'needs',
      view: 'journey/needs.njk',
      data: () => this.needsData(page),
      fieldIds: { completedAt: 'completedAt-day', decision: 'decision', signpostedTo: 'signpostedTo', startScore: `start-${CR_1.domains[0].id}`, notes: 'notes', needs: `need-${NEED_AREAS[0]}` },
      run: async (version) => {
        const problems: FieldProblem[] = [];
        for (const area of NEED_AREAS) {
          if (!field(page.form, `need-${area}`)) problems.push({ field: `need-${area}`, message: `Select the level of need for ${label(area).toLowerCase()}` });
        }
        if (!field(page.form, 'decision')) problems.push({ field: 'decision', message: 'Select what the victim decided' });
        const completedAt = instantOf(dateTimeAnswer(page.form, 'completedAt'), 'completedAt', 'of the assessment', { now: this.clock.now() });
        if (completedAt.problem) problems.push(completedAt.problem);
        const startScore = field(page.form, 'startScore') === 'yes' ? scoreAnswers(page, 'start', problems, field(page.form, 'decision') === 'accepted') : undefined;
        if (problems.length) throw validation(problems);
        const decision = field(page.form, 'decision');
        const request = await asRequest(RecordNeedsAssessmentRequest, {
          completedAt: completedAt.iso,
          needs: NEED_AREAS.map((area) => ({ area, level: field(page.form, `need-${area}`) })),
          decision,
          signpostedTo: decision === 'signposted' ? optional(page.form, 'signpostedTo') : undefined,
          notes: optional(page.form, 'notes'),
          startScore: startScore ? { answers: startScore, takenAt: completedAt.iso } : undefined,
        });
        await this.needs.record(page.actor, page.params.id, version, request);
      },
      done: { heading: 'Needs assessment recorded' },
    });
  }

  private async copeRecoverData(page: Page): Promise<Record<string, unknown>> {
    const scores = await this.copeRecover.get(page.actor, page.params.id);
    const answerOf = (point: 'start' | 'end', domain: string) => (scores[point]?.answers ? String(scores[point]!.answers![domain] ?? '') : '');
    return {
      scores,
      rows: CR_1.domains.map((domain) => {
        const change = scores.change?.domains.find((candidate) => candidate.domain === domain.id);
        return { text: label(domain.id), question: domain.question, start: answerOf('start', domain.id), end: answerOf('end', domain.id), change: change ? signed(change.change) : '' };
      }),
      overall: scores.change ? { change: signed(scores.change.overallChange), improved: scores.change.overallImproved } : null,
      startTaken: scores.start ? londonDateTime(scores.start.takenAt) : null,
      endTaken: scores.end ? londonDateTime(scores.end.takenAt) : null,
      endMissing: scores.end?.missingReason ? label(scores.end.missingReason) : null,
      startDomains: scoreDomains(page, 'start'),
      endDomains: scoreDomains(page, 'end'),
      missingReasons: choices(END_SCORE_MISSING_REASONS, field(page.form, 'missingReason')),
    };
  }

  private recordScore(page: Page): Promise<FastifyReply> {
    const point = page.params.point === 'end' ? 'end' : 'start';
    return this.command(page, {
      section: 'cope-recover',
      view: 'journey/cope-recover.njk',
      data: () => this.copeRecoverData(page),
      fieldIds: { answers: `${point}-${CR_1.domains[0].id}`, missingReason: 'missingReason' },
      run: async (version) => {
        const problems: FieldProblem[] = [];
        const missingReason = point === 'end' ? optional(page.form, 'missingReason') : undefined;
        const answers = missingReason ? undefined : scoreAnswers(page, point, problems, true);
        if (problems.length) throw validation(problems);
        if (point === 'start') await this.copeRecover.start(page.actor, page.params.id, version, await asRequest(RecordStartScoreRequest, { answers }));
        else await this.copeRecover.end(page.actor, page.params.id, version, await asRequest(RecordEndScoreRequest, { answers, missingReason }));
      },
      done: { heading: point === 'start' ? 'Start score recorded' : 'End score recorded', redirect: `/journeys/${page.params.id}/cope-recover` },
    });
  }

  private async supportPlanData(page: Page): Promise<Record<string, unknown>> {
    const [actions, onward] = await Promise.all([this.supportPlan.list(page.actor, page.params.id), this.onwardReferrals.list(page.actor, page.params.id)]);
    const now = this.clock.now();
    return {
      actions: actions.items.map((action) => ({
        ...action,
        due: action.dueOn,
        statusText: label(action.status),
        tag: action.status === 'open' ? dueTag(new Date(`${action.dueOn}T23:59:59Z`), now) : null,
      })),
      onward: onward.items.map((referral) => ({ ...referral, serviceText: label(referral.service), outcomeText: label(referral.outcome), at: londonDateTime(referral.referredAt) })),
      services: [{ value: '', text: 'Choose a service' }, ...choices(ONWARD_SERVICES, field(page.form, 'service'), 'selected')],
      dueOn: { day: field(page.form, 'dueOn-day'), month: field(page.form, 'dueOn-month'), year: field(page.form, 'dueOn-year') },
    };
  }

  private addAction(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'support-plan',
      view: 'journey/support-plan.njk',
      data: () => this.supportPlanData(page),
      fieldIds: { description: 'description', dueOn: 'dueOn-day' },
      run: async (version) => {
        const problems: FieldProblem[] = [];
        if (!field(page.form, 'description')) problems.push({ field: 'description', message: 'Enter what will be done' });
        const dueOn = calendarDateOf(dateTimeAnswer(page.form, 'dueOn'), 'dueOn', 'it is due');
        if (dueOn.problem) problems.push({ ...dueOn.problem, field: 'dueOn-day' });
        if (problems.length) throw validation(problems);
        const request = await asRequest(AddSupportActionRequest, { description: field(page.form, 'description'), dueOn: dueOn.date, ownerUserId: page.actor.userId });
        await this.supportPlan.add(page.actor, page.params.id, version, request);
      },
      done: { heading: 'Support plan action added', redirect: `/journeys/${page.params.id}/support-plan` },
    });
  }

  private finishAction(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'support-plan',
      view: 'journey/support-plan.njk',
      data: () => this.supportPlanData(page),
      run: async () => {
        const actionId = UUID.test(page.params.actionId ?? '') ? page.params.actionId : '00000000-0000-0000-0000-000000000000';
        const status = field(page.form, 'status') === 'cancelled' ? 'cancelled' : 'done';
        const actionVersion = Number.parseInt(field(page.form, 'actionVersion'), 10);
        await this.supportPlan.update(page.actor, page.params.id, actionId, Number.isInteger(actionVersion) ? actionVersion : -1, await asRequest(UpdateSupportActionRequest, { status }));
      },
      done: { heading: 'Support plan action updated', redirect: `/journeys/${page.params.id}/support-plan` },
    });
  }

  private makeOnwardReferral(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'support-plan',
      view: 'journey/support-plan.njk',
      data: () => this.supportPlanData(page),
      fieldIds: { service: 'service', provider: 'provider', consentGiven: 'consentGiven' },
      run: async (version) => {
        const problems: FieldProblem[] = [];
        if (!field(page.form, 'service')) problems.push({ field: 'service', message: 'Choose the service' });
        if (!field(page.form, 'provider')) problems.push({ field: 'provider', message: 'Enter who provides it' });
        if (field(page.form, 'consentGiven') !== 'yes') problems.push({ field: 'consentGiven', message: 'Confirm the victim consented to this referral: without consent there is no referral' });
        if (problems.length) throw validation(problems);
        const now = this.clock.now().toISOString();
        const request = await asRequest(MakeOnwardReferralRequest, {
          service: field(page.form, 'service'),
          provider: field(page.form, 'provider'),
          consentGiven: true,
          consentRecordedAt: now,
          referredAt: now,
          notes: optional(page.form, 'onwardNotes'),
        });
        await this.onwardReferrals.make(page.actor, page.params.id, version, request);
      },
      done: { heading: 'Onward referral recorded', redirect: `/journeys/${page.params.id}/support-plan` },
    });
  }

  private async consentData(page: Page): Promise<Record<string, unknown>> {
    const [journey, consents] = await Promise.all([this.journeys.get(page.actor, page.params.id), this.sharingConsents.list(page.actor, page.params.id)]);
    const optedOut = page.request.method === 'POST' ? fields(page.form, 'optedOutOf') : journey.optedOutOf;
    return {
      consents: consents.items.map((consent) => ({ ...consent, at: londonDateTime(consent.recordedAt), withdrawn: consent.withdrawnAt ? londonDateTime(consent.withdrawnAt) : null })),
      informationKinds: choices(INFORMATION_KINDS, optedOut),
      informationVia: page.request.method === 'POST' ? field(page.form, 'informationVia') : (journey.informationVia ?? ''),
    };
  }

  private setPreferences(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'consent',
      view: 'journey/consent.njk',
      data: () => this.consentData(page),
      fieldIds: { optedOutOf: 'optedOutOf', informationVia: 'informationVia' },
      run: async (version) => {
        const request = await asRequest(ContactPreferencesRequest, { optedOutOf: fields(page.form, 'optedOutOf'), informationVia: optional(page.form, 'informationVia') ?? null });
        await this.management.setContactPreferences(page.actor, page.params.id, version, request);
      },
      done: { heading: 'Contact preferences saved', redirect: `/journeys/${page.params.id}/consent` },
    });
  }

  private recordSharingConsent(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'consent',
      view: 'journey/consent.njk',
      data: () => this.consentData(page),
      fieldIds: { agency: 'agency', purpose: 'purpose', given: 'given' },
      run: async () => {
        const problems: FieldProblem[] = [];
        if (!field(page.form, 'agency')) problems.push({ field: 'agency', message: 'Enter the agency' });
        if (!field(page.form, 'purpose')) problems.push({ field: 'purpose', message: 'Enter what the details would be shared for' });
        if (!['yes', 'no'].includes(field(page.form, 'given'))) problems.push({ field: 'given', message: 'Select whether the victim agreed' });
        if (problems.length) throw validation(problems);
        const request = await asRequest(RecordSharingConsentRequest, { agency: field(page.form, 'agency'), purpose: field(page.form, 'purpose'), given: field(page.form, 'given') === 'yes' });
        await this.sharingConsents.record(page.actor, page.params.id, request);
      },
      done: { heading: 'Consent to share recorded', redirect: `/journeys/${page.params.id}/consent` },
    });
  }

  private async handoverData(page: Page): Promise<Record<string, unknown>> {
    const workers = await this.management.eligibleLeads(page.actor, page.params.id);
    const chosen = field(page.form, 'workerId');
    return {
      workers: [{ value: '', text: 'Choose a worker' }, ...workers.map((worker) => ({ value: worker.id, text: `${worker.name} (${worker.organisationName})`, selected: worker.id === chosen }))],
      reasons: choices(HANDOVER_REASONS, field(page.form, 'reason')),
    };
  }

  private handover(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'handover',
      view: 'journey/handover.njk',
      data: () => this.handoverData(page),
      fieldIds: { workerId: 'workerId', reason: 'reason', note: 'note' },
      run: async (version) => {
        if (!field(page.form, 'workerId')) throw validation([{ field: 'workerId', message: 'Choose who will lead the journey' }]);
        const request = await asRequest(AssignLeadRequest, { workerId: field(page.form, 'workerId'), reason: optional(page.form, 'reason'), note: optional(page.form, 'note') });
        await this.management.assignLead(page.actor, page.params.id, version, request);
      },
      done: { heading: 'Lead worker changed' },
    });
  }

  private async closeData(page: Page): Promise<Record<string, unknown>> {
    const scores = await this.copeRecover.get(page.actor, page.params.id);
    return {
      reasons: choices(CLOSURE_REASONS, field(page.form, 'reason')),
      hasEndScore: Boolean(scores.end),
      missingReasons: choices(END_SCORE_MISSING_REASONS, field(page.form, 'endScoreMissingReason')),
      satisfactionItems: [
        ...Array.from({ length: 11 }, (_, score) => ({ value: String(score), text: String(score), checked: field(page.form, 'satisfaction') === String(score) })),
        { divider: 'or' },
        { value: 'declined', text: 'They chose not to answer', checked: field(page.form, 'satisfaction') === 'declined' },
      ],
    };
  }

  private close(page: Page): Promise<FastifyReply> {
    return this.command(page, {
      section: 'close',
      view: 'journey/close.njk',
      data: () => this.closeData(page),
      fieldIds: { reason: 'reason', note: 'note', 'satisfaction.score': 'satisfaction', satisfaction: 'satisfaction', endScore: 'endScoreMissingReason', endScoreMissingReason: 'endScoreMissingReason', 'satisfaction.comment': 'satisfactionComment' },
      run: async (version) => {
        const problems: FieldProblem[] = [];
        if (!field(page.form, 'reason')) problems.push({ field: 'reason', message: 'Select why support is ending' });
        const satisfaction = field(page.form, 'satisfaction');
        if (!satisfaction) problems.push({ field: 'satisfaction', message: 'Select how satisfied the victim was, or that they chose not to answer' });
        if (problems.length) throw validation(problems);
        const request = await asRequest(CloseJourneyRequest, {
          reason: field(page.form, 'reason'),
          note: optional(page.form, 'note'),
          endScoreMissingReason: optional(page.form, 'endScoreMissingReason'),
          satisfaction: satisfaction === 'declined' ? { declined: true } : { score: Number(satisfaction), comment: optional(page.form, 'satisfactionComment') },
        });
        await this.closure.close(page.actor, page.params.id, version, request);
      },
      done: { heading: 'Journey closed', text: 'Support has ended. The victim keeps their rights to information from the police, CPS and witness care.' },
    });
  }
}

/** What a victim-side window counts from. */
const WINDOW_SUBJECTS: Record<string, string> = { outcome: 'The sentence', police_decision: "The police's decision", cps_decision: "The CPS's decision" };

const WITHDRAWAL_HINTS: Record<(typeof DUTY_WITHDRAWAL_REASONS)[number], string> = {
  recorded_in_error: 'The duty was never owed: it is left out of compliance, even when past due',
  duplicate: 'Another duty or journey already holds it: left out of compliance, even when past due',
  not_applicable: 'It does not apply to this victim. A duty already past due cannot be withdrawn this way',
};

/** Problems found on the page before the command runs: shown exactly as the command's own. */
const validation = (problems: FieldProblem[]) => validationFailed(problems);

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

/** The framework's domains as radios 1-5, named `<point>-<domain>`. */
function scoreDomains(page: Page, point: 'start' | 'end') {
  return CR_1.domains.map((domain) => ({
    id: `${point}-${domain.id}`,
    text: label(domain.id),
    question: domain.question,
    items: [1, 2, 3, 4, 5].map((score) => ({
      value: String(score),
      text: score === 1 ? '1 (not at all)' : score === 5 ? '5 (completely)' : String(score),
      checked: field(page.form, `${point}-${domain.id}`) === String(score),
    })),
  }));
}

/** The answers of a score, or undefined when none was given and none is required. */
function scoreAnswers(page: Page, point: 'start' | 'end', problems: FieldProblem[], required: boolean): Record<string, number> | undefined {
  const given = CR_1.domains.filter((domain) => field(page.form, `${point}-${domain.id}`));
  if (given.length === 0 && !required) return undefined;
  const answers: Record<string, number> = {};
  for (const domain of CR_1.domains) {
    const value = field(page.form, `${point}-${domain.id}`);
    if (!value) problems.push({ field: `${point}-${domain.id}`, message: `Select a score for ${label(domain.id).toLowerCase()}` });
    else answers[domain.id] = Number(value);
  }
  return answers;
}
