import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ENHANCED_RIGHTS_CATEGORIES, OFFENCE_CATEGORIES } from '../../../libs/victims-code/src/index.js';
import { JOURNEY_WORKERS } from '../../access/roles.js';
import { Clock } from '../../app/clock.js';
import { APP_CONFIG, type AppConfig } from '../../app/config.js';
import { DomainError } from '../../app/domain-error.js';
import { validationFailed } from '../../app/common.errors.js';
import type { FieldProblem } from '../../app/domain-error.js';
import { CONTACT_METHODS } from '../../people/entities/person.entity.js';
import { CreateReferralRequest } from '../../referrals/dto/referral.dto.js';
import { ReferralImportQuery } from '../../referrals/imports/dto/referral-import.dto.js';
import { REFERRAL_IMPORT_MODES } from '../../referrals/imports/entities/referral-import.entity.js';
import { REFERRAL_CSV_COLUMNS } from '../../referrals/imports/referral-csv-columns.js';
import { ReferralImportsService } from '../../referrals/imports/referral-imports.service.js';
import { ReferralsService } from '../../referrals/referrals.service.js';
import { asRequest, calendarDateOf, dateTimeAnswer, dateTimeNow, instantOf } from '../forms.js';
import { choices, label } from '../labels.js';
import { calendarDay, londonDateTime } from '../london-time.js';
import { field, fieldProblemsOf, fields, type FormBody, type Page, type PageRouter, refusalOf, summaryOf } from '../page.js';
import { uploadedFile } from '../uploads.js';

/** Where a CSV file of referrals is uploaded: the only page that takes a file (workspace.ts). */
export const REFERRAL_UPLOAD_PATH = '/referral-imports/new';

const IMPORT_MODE_TEXT: Record<(typeof REFERRAL_IMPORT_MODES)[number], { text: string; hint: string }> = {
  all_or_nothing: { text: 'All or nothing', hint: 'If any row has a problem, nothing is imported: correct the file and upload it again' },
  import_valid_rows: { text: 'Import the good rows', hint: 'Rows without problems are imported; the others are listed for you to send again' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The referral form's fields, kept in the session between the form and check-your-answers. */
const DRAFT_FIELDS = [
  'areaId', 'crimeReference', 'offenceCategory', 'reportedAt-day', 'reportedAt-month', 'reportedAt-year', 'reportedAt-time',
  'givenName', 'familyName', 'dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year', 'phone', 'email', 'preferredContactMethod',
  'consent', 'consentRecordedBy', 'enhancedReason',
] as const;

/** API field paths -> the ids of the inputs that answer them. */
const FIELD_IDS: Record<string, string> = {
  areaId: 'areaId', 'crime.crimeReference': 'crimeReference', 'crime.offenceCategory': 'offenceCategory', 'crime.reportedAt': 'reportedAt-day',
  'person.givenName': 'givenName', 'person.familyName': 'familyName', 'person.dateOfBirth': 'dateOfBirth-day', 'person.phone': 'phone',
  'person.email': 'email', 'person.preferredContactMethod': 'preferredContactMethod', 'consent.referral': 'consent', 'consent.recordedBy': 'consentRecordedBy',
  consent: 'consent', 'enhancedRights.categories': 'enhanced', 'enhancedRights.reason': 'enhancedReason', enhancedRights: 'enhanced',
};

/**
 * Recording a referral by hand (the police feed and CSV imports use the API): a form,
 * check your answers, and a confirmation with the new journey's reference. Taken in by
 * the same intake as the API (matching, consent rules, duties). And the organisation's CSV
 * imports with their progress and each row's problems.
 */
@Injectable()
export class ReferralPages {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly imports: ReferralImportsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  routes(router: PageRouter): void {
    router.get('/referrals/new', JOURNEY_WORKERS, (page) => this.form(page, this.draftOf(page)));
    router.post('/referrals/new', JOURNEY_WORKERS, (page) => this.saveDraft(page));
    router.get('/referrals/check', JOURNEY_WORKERS, (page) => this.check(page));
    router.post('/referrals/check', JOURNEY_WORKERS, (page) => this.submit(page));
    router.get('/referrals/confirmation', JOURNEY_WORKERS, (page) => this.confirmation(page));
    router.get('/referral-imports', JOURNEY_WORKERS, (page) => this.importList(page));
    router.get(REFERRAL_UPLOAD_PATH, JOURNEY_WORKERS, (page) => this.uploadForm(page));
    router.post(REFERRAL_UPLOAD_PATH, JOURNEY_WORKERS, (page) => this.upload(page));
    router.get('/referral-imports/:id', JOURNEY_WORKERS, (page) => this.importDetail(page));
  }

  private draftOf(page: Page): FormBody {
    return (page.request.session.get('draft') as FormBody | undefined) ?? { ...this.reportedNow(), areaId: page.user.areas.length === 1 ? page.user.areas[0].id : '' };
  }

  private reportedNow(): Record<string, string> {
    const now = dateTimeNow(this.clock.now());
    return { 'reportedAt-day': now.day, 'reportedAt-month': now.month, 'reportedAt-year': now.year, 'reportedAt-time': now.time };
  }

  private form(page: Page, draft: FormBody, extra: Record<string, unknown> = {}, status = 200): Promise<FastifyReply> {
    const value = (name: string) => field(draft, name);
    return page.render(
      'referrals/new.njk',
      {
        pageTitle: 'Record a referral',
        backLink: '/work-queue',
        answers: Object.fromEntries(DRAFT_FIELDS.map((name) => [name, value(name)])),
        areas: page.user.areas.map((area) => ({ value: area.id, text: area.name, checked: area.id === value('areaId') })),
        offences: [{ value: '', text: 'Choose the offence' }, ...choices(OFFENCE_CATEGORIES, value('offenceCategory'), 'selected')],
        contactMethods: choices(CONTACT_METHODS, value('preferredContactMethod')),
        consents: [
          { value: 'not_objected', text: 'The victim did not object (automatic referral)', checked: value('consent') === 'not_objected' },
          { value: 'given', text: 'The victim gave explicit consent', hint: { text: 'Needed for sexual offences, domestic abuse and bereaved relatives' }, checked: value('consent') === 'given' },
        ],
        enhanced: choices(ENHANCED_RIGHTS_CATEGORIES, fields(draft, 'enhanced')),
        ...extra,
      },
      status,
    );
  }

  private async saveDraft(page: Page): Promise<FastifyReply> {
    const draft: Record<string, string | string[]> = {};
    for (const name of DRAFT_FIELDS) draft[name] = field(page.form, name);
    draft.enhanced = fields(page.form, 'enhanced');
    try {
      await this.requestOf(page, draft);
    } catch (error) {
      const problems = fieldProblemsOf(error);
      if (!problems) throw error;
      return this.form(page, draft, summaryOf(problems.map((problem) => readable(problem))), 400);
    }
    page.request.session.set('draft', draft as Record<string, string>);
    return page.redirect('/referrals/check');
  }

  /** The draft as the API's request, checked by the same DTO; the page's own checks first. */
  private async requestOf(page: Page, draft: FormBody): Promise<CreateReferralRequest> {
    const problems: FieldProblem[] = [];
    const value = (name: string) => field(draft, name);
    if (!value('areaId') || !page.user.areas.some((area) => area.id === value('areaId'))) problems.push({ field: 'areaId', message: 'Select the area' });
    if (!value('crimeReference')) problems.push({ field: 'crimeReference', message: 'Enter the crime reference' });
    if (!value('offenceCategory')) problems.push({ field: 'offenceCategory', message: 'Choose the offence' });
    if (!value('givenName')) problems.push({ field: 'givenName', message: 'Enter the given name' });
    if (!value('familyName')) problems.push({ field: 'familyName', message: 'Enter the family name' });
    if (!value('consent')) problems.push({ field: 'consent', message: 'Select what the victim said about being referred' });
    const reportedAt = instantOf(dateTimeAnswer(draft, 'reportedAt'), 'reportedAt-day', 'the crime was reported', { now: this.clock.now() });
    if (reportedAt.problem) problems.push(reportedAt.problem);
    let dateOfBirth: string | undefined;
    const birth = dateTimeAnswer(draft, 'dateOfBirth');
    if (birth.day || birth.month || birth.year) {
      const found = calendarDateOf(birth, 'dateOfBirth-day', 'of birth');
      if (found.problem) problems.push(found.problem);
      dateOfBirth = found.date;
    }
    const enhanced = fields(draft, 'enhanced');
    if (enhanced.length > 0 && !value('enhancedReason')) problems.push({ field: 'enhancedReason', message: 'Say why the victim is entitled to enhanced rights' });
    if (problems.length) throw fieldsFailed(problems);
    return asRequest(CreateReferralRequest, {
      areaId: value('areaId'),
      role: 'victim',
      crime: { crimeReference: value('crimeReference'), offenceCategory: value('offenceCategory'), reportedAt: reportedAt.iso },
      person: {
        givenName: value('givenName'),
        familyName: value('familyName'),
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(value('phone') ? { phone: value('phone') } : {}),
        ...(value('email') ? { email: value('email') } : {}),
        ...(value('preferredContactMethod') ? { preferredContactMethod: value('preferredContactMethod') } : {}),
      },
      consent: { referral: value('consent'), ...(value('consentRecordedBy') ? { recordedBy: value('consentRecordedBy') } : {}) },
      ...(enhanced.length ? { enhancedRights: { categories: enhanced, reason: value('enhancedReason') } } : {}),
    });
  }

  private check(page: Page): Promise<unknown> {
    const draft = page.request.session.get('draft') as FormBody | undefined;
    if (!draft) return Promise.resolve(page.redirect('/referrals/new'));
    const value = (name: string) => field(draft, name);
    const reportedAt = instantOf(dateTimeAnswer(draft, 'reportedAt'), 'reportedAt', '');
    const birth = dateTimeAnswer(draft, 'dateOfBirth');
    const change = (id: string, what: string) => ({ items: [{ href: `/referrals/new#${id}`, text: 'Change', visuallyHiddenText: what }] });
    const rows = [
      { key: { text: 'Area' }, value: { text: page.user.areas.find((area) => area.id === value('areaId'))?.name ?? '' }, actions: change('areaId', 'area') },
      { key: { text: 'Crime reference' }, value: { text: value('crimeReference').toUpperCase() }, actions: change('crimeReference', 'crime reference') },
      { key: { text: 'Offence' }, value: { text: label(value('offenceCategory')) }, actions: change('offenceCategory', 'offence') },
      { key: { text: 'Reported' }, value: { text: londonDateTime(reportedAt.iso) }, actions: change('reportedAt-day', 'when reported') },
      { key: { text: 'Name' }, value: { text: `${value('givenName')} ${value('familyName')}` }, actions: change('givenName', 'name') },
      { key: { text: 'Date of birth' }, value: { text: birth.year ? calendarDay(`${birth.year}-${birth.month.padStart(2, '0')}-${birth.day.padStart(2, '0')}`) : 'Not given' }, actions: change('dateOfBirth-day', 'date of birth') },
      { key: { text: 'Phone' }, value: { text: value('phone') || 'Not given' }, actions: change('phone', 'phone') },
      { key: { text: 'Email' }, value: { text: value('email') || 'Not given' }, actions: change('email', 'email') },
      { key: { text: 'Preferred contact' }, value: { text: value('preferredContactMethod') ? label(value('preferredContactMethod')) : 'Not given' }, actions: change('preferredContactMethod', 'preferred contact') },
      { key: { text: 'Consent to referral' }, value: { text: value('consent') === 'given' ? 'Explicit consent' : 'Did not object' }, actions: change('consent', 'consent') },
      { key: { text: 'Enhanced rights' }, value: { text: fields(draft, 'enhanced').map(label).join(', ') || 'Not entitled' }, actions: change('enhanced', 'enhanced rights') },
    ];
    return page.render('referrals/check.njk', { pageTitle: 'Check your answers before recording the referral', backLink: '/referrals/new', rows });
  }

  private async submit(page: Page): Promise<FastifyReply> {
    const draft = page.request.session.get('draft') as FormBody | undefined;
    if (!draft) return page.redirect('/referrals/new');
    try {
      const request = await this.requestOf(page, draft);
      const answer = await this.referrals.create(page.actor, request, null);
      page.request.session.set('draft', undefined);
      page.request.session.set('flash', undefined);
      page.request.session.set('lastReferral', { journeyId: answer.body.journeyId, reference: answer.body.reference, outcome: answer.body.outcome });
      return page.redirect('/referrals/confirmation');
    } catch (error) {
      const problems = fieldProblemsOf(error);
      const refusal = refusalOf(error);
      if (!problems && !refusal) throw error;
      const summary = problems ? summaryOf(problems.map(readable)) : { errorList: [{ text: refusal!, href: '#consent' }], errors: { consent: { text: refusal! } } };
      return this.form(page, draft, summary, 400);
    }
  }

  private confirmation(page: Page): Promise<unknown> {
    const last = page.request.session.get('lastReferral');
    if (!last) return Promise.resolve(page.redirect('/referrals/new'));
    return page.render('referrals/confirmation.njk', { pageTitle: last.outcome === 'linked' ? 'Referral added to an open journey' : 'Referral recorded', last });
  }

  private async importList(page: Page): Promise<FastifyReply> {
    const pageNumber = Math.min(Math.max(1, Number.parseInt(page.query.page ?? '1', 10) || 1), 10_000);
    const found = await this.imports.list(page.actor, { limit: 25, offset: (pageNumber - 1) * 25 });
    return page.render('referrals/imports.njk', {
      pageTitle: 'Referral imports',
      imports: found.items.map((item) => ({
        ...item,
        href: `/referral-imports/${item.id}`,
        statusText: label(item.status),
        created: londonDateTime(item.createdAt),
        progress: progressOf(item),
      })),
      total: found.total,
      pagination: found.total > 25 && {
        previous: pageNumber > 1 ? { href: `/referral-imports?page=${pageNumber - 1}` } : undefined,
        next: pageNumber * 25 < found.total ? { href: `/referral-imports?page=${pageNumber + 1}` } : undefined,
      },
    });
  }

  private uploadForm(page: Page, extra: Record<string, unknown> = {}, status = 200): Promise<FastifyReply> {
    const mode = field(page.form, 'mode') || 'all_or_nothing';
    return page.render(
      'referrals/upload.njk',
      {
        pageTitle: 'Upload a CSV file of referrals',
        backLink: '/referral-imports',
        modes: REFERRAL_IMPORT_MODES.map((value) => ({ value, text: IMPORT_MODE_TEXT[value].text, hint: { text: IMPORT_MODE_TEXT[value].hint }, checked: value === mode })),
        columns: REFERRAL_CSV_COLUMNS.map((column) => ({ name: column.name, required: column.required })),
        maxMegabytes: Math.floor(this.config.referralImports.maxBytes / (1024 * 1024)),
        ...extra,
      },
      status,
    );
  }

  /** The file goes to the same service as POST /referral-imports: checked to its header now, taken in by the worker. */
  private async upload(page: Page): Promise<FastifyReply> {
    const file = uploadedFile(page.request.body, 'file');
    const refuse = (message: string, status = 400) => this.uploadForm(page, summaryOf([{ field: 'file', message }]), status);
    if (!file || file.content.length === 0) return refuse(file ? 'The selected file is empty' : 'Select a CSV file');
    if (file.content.length > this.config.referralImports.maxBytes) return refuse(`The selected file must be smaller than ${Math.floor(this.config.referralImports.maxBytes / (1024 * 1024))} MB`, 413);
    try {
      const fileName = file.fileName.replace(/[\x00-\x1f\x7f]/g, '').slice(-255) || undefined;
      const query = await asRequest(ReferralImportQuery, { mode: field(page.form, 'mode') || 'all_or_nothing', fileName });
      const answer = await this.imports.upload(page.actor, file.content, query, null);
      page.request.session.set('flash', { heading: 'File uploaded', text: 'Each row is being checked. This page shows how far it has got and any problems.' });
      return page.redirect(`/referral-imports/${answer.body.id}`);
    } catch (error) {
      const problems = fieldProblemsOf(error);
      if (problems) {
        const what = problems.map((problem) => (problem.field === 'header' ? problem.message : `${problem.field} ${problem.message}`)).join('; ');
        return refuse(`The first line of the file must name the columns: ${what}`);
      }
      // Not UTF-8, or not text at all: the service's own words.
      if (error instanceof DomainError && error.code === 'MALFORMED_REQUEST') return refuse(error.detail ?? error.title);
      throw error;
    }
  }

  private async importDetail(page: Page): Promise<FastifyReply> {
    if (!UUID.test(page.params.id ?? '')) return page.render('errors/404.njk', { pageTitle: 'Page not found' }, 404);
    const pageNumber = Math.min(Math.max(1, Number.parseInt(page.query.page ?? '1', 10) || 1), 100_000);
    const [found, problems] = await Promise.all([
      this.imports.get(page.actor, page.params.id),
      this.imports.problems(page.actor, page.params.id, { limit: 50, offset: (pageNumber - 1) * 50 }),
    ]);
    return page.render('referrals/import.njk', {
      pageTitle: `Import of ${found.fileName ?? 'a CSV file'}`,
      backLink: '/referral-imports',
      found: { ...found, statusText: label(found.status), created: londonDateTime(found.createdAt), finished: found.finishedAt ? londonDateTime(found.finishedAt) : null, progress: progressOf(found) },
      problems: problems.items,
      problemTotal: problems.total,
      pagination: problems.total > 50 && {
        previous: pageNumber > 1 ? { href: `/referral-imports/${found.id}?page=${pageNumber - 1}` } : undefined,
        next: pageNumber * 50 < problems.total ? { href: `/referral-imports/${found.id}?page=${pageNumber + 1}` } : undefined,
      },
    });
  }
}

/** How far an import has got: rows checked while validating, rows taken in while importing. */
function progressOf(found: { status: string; totalRows: number | null; validatedRows: number; importedRows: number; linkedRows: number }): number {
  if (!found.totalRows) return 0;
  return Math.round((100 * (found.status === 'validating' ? found.validatedRows : found.importedRows + found.linkedRows)) / found.totalRows);
}

const fieldsFailed = (problems: FieldProblem[]) => validationFailed(problems);

/** An API problem on the referral form: linked to its input, in words. */
function readable(problem: FieldProblem): { field: string; message: string } {
  const key = Object.keys(FIELD_IDS).find((path) => problem.field === path || problem.field.startsWith(`${path}.`) || problem.field.startsWith(`${path}[`));
  const id = key ? FIELD_IDS[key] : problem.field.replace(/[^A-Za-z0-9_-]+/g, '-');
  if (/^[A-Z]/.test(problem.message)) return { field: id, message: problem.message };
  const words = problem.field.split('.').pop()!.replace(/\[\d+\]/g, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return { field: id, message: `${words.charAt(0).toUpperCase()}${words.slice(1)} ${problem.message}` };
}
