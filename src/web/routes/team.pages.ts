import { Injectable } from '@nestjs/common';
import { WORK_QUEUE_SORTS } from '../../work-queue/dto/work-queue.dto.js';
import type { PageRouter } from '../page.js';
import { WorkQueuePages } from './work-queue.pages.js';

/**
 * A supervisor's team view: the same queues over the team's journeys (their organisation's
 * and unallocated ones in their areas), opening on the overdue and breached duties. A
 * journey's Handover section reassigns its lead worker.
 */
@Injectable()
export class TeamPages {
  constructor(private readonly queues: WorkQueuePages) {}

  routes(router: PageRouter): void {
    router.get('/team', ['supervisor'], (page) => {
      if (!page.query.tab) page.query.tab = 'overdue';
      if (!WORK_QUEUE_SORTS.includes(page.query.sort as never)) page.query.sort = 'due';
      return this.queues.queue(page, '/team', 'team', 'team/team.njk');
    });
  }
}
