import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { JOURNEY_WORKERS } from '../../access/roles.js';
import { Clock } from '../../app/clock.js';
import { JOURNEY_STAGES, type JourneyStage } from '../../journeys/journey-vocabulary.js';
import { WORK_QUEUE_SORTS, type WorkItemKind, type WorkQueueSort, type WorkQueueView } from '../../work-queue/dto/work-queue.dto.js';
import { WorkQueueService } from '../../work-queue/work-queue.service.js';
import { label } from '../labels.js';
import { dueTag, londonDateTime } from '../london-time.js';
import type { Page, PageRouter } from '../page.js';

const PAGE_SIZE = 25;
const FIRST_CONTACT_RULE = 'support.first-contact';

/** The queue's tabs: each a kind of item, or the first-contact duties that are due. */
export const QUEUE_TABS = [
  { id: 'new', text: 'New referrals', kinds: ['new_referral'] },
  { id: 'first-contact', text: 'First contact due', kinds: ['duty_due_today', 'duty_overdue'], ruleId: FIRST_CONTACT_RULE },
  { id: 'today', text: 'Due today', kinds: ['duty_due_today'] },
  { id: 'overdue', text: 'Overdue', kinds: ['duty_overdue'] },
  { id: 'actions', text: 'Actions due', kinds: ['action_due'] },
] as const satisfies ReadonlyArray<{ id: string; text: string; kinds: readonly WorkItemKind[]; ruleId?: string }>;

export interface QueueFilter {
  view: WorkQueueView;
  tab: (typeof QUEUE_TABS)[number];
  stage?: JourneyStage;
  enhanced?: boolean;
  sort: WorkQueueSort;
  page: number;
}

/** Query strings are typed by hand: an unknown value is ignored, never an error page. */
export function queueFilterOf(query: Record<string, string | undefined>, defaultView: WorkQueueView): QueueFilter {
  const tab = QUEUE_TABS.find((candidate) => candidate.id === query.tab) ?? QUEUE_TABS[0];
  const stage = JOURNEY_STAGES.find((candidate) => candidate === query.stage && candidate !== 'closed');
  const sort = WORK_QUEUE_SORTS.find((candidate) => candidate === query.sort) ?? 'due';
  const page = Math.min(Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1), 4000);
  const view: WorkQueueView = query.view === 'team' || query.view === 'mine' ? query.view : defaultView;
  return { view, tab, stage, enhanced: query.enhanced === 'yes' ? true : query.enhanced === 'no' ? false : undefined, sort, page };
}

export function queueHref(base: string, filter: QueueFilter, change: Partial<Record<'tab' | 'page' | 'sort' | 'view', string | number>> = {}): string {
  const params = new URLSearchParams();
  params.set('view', String(change.view ?? filter.view));
  params.set('tab', String(change.tab ?? filter.tab.id));
  if (filter.stage) params.set('stage', filter.stage);
  if (filter.enhanced !== undefined) params.set('enhanced', filter.enhanced ? 'yes' : 'no');
  params.set('sort', String(change.sort ?? filter.sort));
  const page = change.page ?? (change.tab || change.sort || change.view ? 1 : filter.page);
  if (Number(page) > 1) params.set('page', String(page));
  return `${base}?${params.toString()}`;
}

/**
 * A caseworker's work queue (and a supervisor's team queue, which shares it): tabs with
 * counts, the MoJ filter, and a table sorted on the server (the MoJ sortable table sorts
 * the page in the browser too, when scripts run).
 */
@Injectable()
export class WorkQueuePages {
  constructor(
    private readonly workQueue: WorkQueueService,
    private readonly clock: Clock,
  ) {}

  routes(router: PageRouter): void {
    router.get('/work-queue', JOURNEY_WORKERS, (page) => this.queue(page, '/work-queue', 'mine', 'queue.njk'));
  }

  async queue(page: Page, base: string, defaultView: WorkQueueView, view: string, extra: Record<string, unknown> = {}): Promise<FastifyReply> {
    const filter = queueFilterOf(page.query, defaultView);
    const common = { view: filter.view, stage: filter.stage, enhanced: filter.enhanced };
    const [{ byKind, ofRule }, result] = await Promise.all([
      this.workQueue.filteredCounts(page.actor, common, FIRST_CONTACT_RULE),
      this.workQueue.list(page.actor, {
        ...common,
        kinds: filter.tab.kinds,
        ruleId: 'ruleId' in filter.tab ? filter.tab.ruleId : undefined,
        sort: filter.sort,
        limit: PAGE_SIZE,
        offset: (filter.page - 1) * PAGE_SIZE,
      }),
    ]);
    const countOf = (tab: (typeof QUEUE_TABS)[number]): number =>
      'ruleId' in tab ? ofRule : tab.kinds.reduce((sum, kind) => sum + (byKind.get(kind) ?? 0), 0);
    const now = this.clock.now();
    const rows = result.items.map((item) => {
      const tag = dueTag(item.dueAt, now);
      const what = item.duty ? label(item.duty.ruleId) : item.action ? item.action.description : label(item.kind);
      return {
        href: `/journeys/${item.journey.id}`,
        personName: item.journey.personName,
        reference: item.journey.reference,
        enhanced: item.journey.enhanced,
        kind: label(item.kind),
        what,
        dueAt: item.dueAt.toISOString(),
        due: londonDateTime(item.dueAt),
        tag,
        stage: label(item.journey.stage),
        leadWorker: item.journey.leadWorker?.name ?? 'Not allocated',
      };
    });
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    return page.render(view, {
      pageTitle: filter.view === 'team' ? 'Team work queue' : 'My work queue',
      base,
      filter,
      tabs: QUEUE_TABS.map((tab) => ({ text: `${tab.text} (${countOf(tab)})`, href: queueHref(base, filter, { tab: tab.id }), active: tab.id === filter.tab.id })),
      viewLinks: [
        { text: 'My journeys', href: queueHref(base, filter, { view: 'mine' }), active: filter.view === 'mine' },
        { text: "My team's journeys", href: queueHref(base, filter, { view: 'team' }), active: filter.view === 'team' },
      ],
      stages: [{ value: '', text: 'Any stage' }, ...JOURNEY_STAGES.filter((stage) => stage !== 'closed').map((stage) => ({ value: stage, text: label(stage), selected: stage === filter.stage }))],
      sorts: WORK_QUEUE_SORTS.map((sort) => ({ value: sort, text: { due: 'Due soonest', referred: 'Waiting longest', reference: 'Reference' }[sort], selected: sort === filter.sort })),
      rows,
      total: result.total,
      // Column headers sort on the server, keeping the filters (no scripts needed). The MoJ
      // sortable table re-sorts rows in the browser, so it is offered only when every item
      // is on this page: on one page of several it would sort that page alone.
      sortLinks: { reference: queueHref(base, filter, { sort: 'reference' }), due: queueHref(base, filter, { sort: 'due' }) },
      sortableInBrowser: pages === 1,
      caption: `${filter.tab.text}: ${result.total} ${result.total === 1 ? 'item' : 'items'}`,
      pagination: pages > 1 && {
        previous: filter.page > 1 ? { href: queueHref(base, filter, { page: filter.page - 1 }) } : undefined,
        next: filter.page < pages ? { href: queueHref(base, filter, { page: filter.page + 1 }) } : undefined,
        items: [{ number: filter.page, current: true, href: queueHref(base, filter) }],
      },
      enhancedAny: filter.enhanced === undefined,
      selectedFilters: selectedFiltersOf(base, filter),
      ...extra,
    });
  }
}

/** The MoJ filter's "selected filters", each with a link that removes it. */
function selectedFiltersOf(base: string, filter: QueueFilter) {
  const categories = [];
  if (filter.stage) categories.push({ heading: { text: 'Stage' }, items: [{ text: label(filter.stage), href: queueHref(base, { ...filter, stage: undefined }) }] });
  if (filter.enhanced !== undefined) {
    categories.push({ heading: { text: 'Enhanced rights' }, items: [{ text: filter.enhanced ? 'Entitled' : 'Not entitled', href: queueHref(base, { ...filter, enhanced: undefined }) }] });
  }
  if (categories.length === 0) return undefined;
  return { heading: { text: 'Selected filters' }, clearLink: { text: 'Clear filters', href: queueHref(base, { ...filter, stage: undefined, enhanced: undefined }) }, categories };
}
