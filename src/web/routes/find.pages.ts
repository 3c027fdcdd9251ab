import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CASE_ROLES } from '../../access/roles.js';
import { JourneySearchQuery } from '../../journeys/dto/journey-management.dto.js';
import { JourneysService } from '../../journeys/journeys.service.js';
import { asRequest } from '../forms.js';
import { label } from '../labels.js';
import { calendarDay } from '../london-time.js';
import { fieldProblemsOf, type Page, type PageRouter, summaryOf } from '../page.js';

/**
 * Find a person or journey: by journey reference or crime reference (audited as a listing
 * of what is shown), or by name, which trawls personal data and so asks why (DPA 2018 s.62):
 * the reason goes into the audit log with the search, as X-Access-Reason does on the API.
 */
@Injectable()
export class FindPages {
  constructor(private readonly journeys: JourneysService) {}

  routes(router: PageRouter): void {
    router.get('/find', CASE_ROLES, (page) => this.find(page));
  }

  private async find(page: Page): Promise<FastifyReply> {
    const by = ['reference', 'crimeReference', 'name'].includes(page.query.by ?? '') ? page.query.by! : 'reference';
    const q = (page.query.q ?? '').trim();
    const reason = (page.query.reason ?? '').trim();
    const data: Record<string, unknown> = { pageTitle: 'Find a journey', by, q, reason, searched: false };
    if (page.query.by === undefined) return page.render('find.njk', data);

    const problems: Array<{ field: string; message: string }> = [];
    if (!q) problems.push({ field: 'q', message: by === 'name' ? 'Enter a name' : 'Enter a reference' });
    if (by === 'name' && !reason) problems.push({ field: 'reason', message: 'Say why you are searching by name: it is recorded in the audit log' });
    if (problems.length) return page.render('find.njk', { ...data, ...summaryOf(problems) }, 400);
    try {
      const query = await asRequest(JourneySearchQuery, { [by]: q, limit: 50, offset: 0 });
      const actor = by === 'name' ? { ...page.actor, accessReason: reason.slice(0, 200) } : page.actor;
      const found = await this.journeys.search(actor, query);
      return page.render('find.njk', {
        ...data,
        searched: true,
        total: found.total,
        results: found.items.map((item) => ({
          href: `/journeys/${item.id}`,
          name: `${item.person.givenName} ${item.person.familyName}`,
          dateOfBirth: calendarDay(item.person.dateOfBirth),
          reference: item.reference,
          crimeReference: item.crimeReference,
          stage: label(item.stage),
          leadWorker: item.leadWorker?.name ?? 'Not allocated',
        })),
      });
    } catch (error) {
      const found = fieldProblemsOf(error);
      if (!found) throw error;
      return page.render('find.njk', { ...data, ...summaryOf(found.map((problem) => ({ field: problem.field === 'reason' ? 'reason' : 'q', message: `The ${by === 'name' ? 'name' : 'reference'} ${problem.message}` }))) }, 400);
    }
  }
}

