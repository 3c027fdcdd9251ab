import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RULE_IDS, VC_2020_1 } from '../../../libs/victims-code/src/index.js';
import { ADMINS } from '../../access/roles.js';
import { DomainError } from '../../app/domain-error.js';
import { UsersService } from '../../identity/users.service.js';
import { SetReportTargetRequest } from '../../reports/targets/report-targets.dto.js';
import { ReportTargetsService } from '../../reports/targets/report-targets.service.js';
import { asRequest } from '../forms.js';
import { label } from '../labels.js';
import { field, fieldProblemsOf, isConflict, type Page, type PageRouter, summaryOf } from '../page.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RULES = new Map(VC_2020_1.map((rule) => [rule.id as string, rule]));

/** The id of a rule's input: dots are not welcome in a fragment link. */
const inputId = (ruleId: string) => `target-${ruleId.replace(/\./g, '-')}`;

/**
 * Targets of % on time per rule and area (issue 21 part 4), set by an admin: one form per
 * area, a field per rule. Through ReportTargetsService, as the API's PUT and DELETE: each
 * change guarded by the version the page was opened with, and audited.
 */
@Injectable()
export class TargetPages {
  constructor(
    private readonly targets: ReportTargetsService,
    private readonly users: UsersService,
  ) {}

  routes(router: PageRouter): void {
    router.get('/admin/targets', ADMINS, (page) => this.show(page));
    router.post('/admin/targets', ADMINS, (page) => this.save(page));
  }

  private async show(page: Page, extra: Record<string, unknown> = {}, status = 200): Promise<FastifyReply> {
    const areas = await this.users.listAreas();
    const wanted = page.request.method === 'POST' ? field(page.form, 'area') : (page.query.area ?? '');
    const area = areas.find((candidate) => candidate.id === wanted) ?? areas[0];
    if (!area) return page.render('admin/targets.njk', { pageTitle: 'Targets', areas: [], rules: [] });
    const current = new Map((await this.targets.list(page.actor, area.id)).map((target) => [target.ruleId, target]));
    const posted = page.request.method === 'POST' && !extra.saved;
    return page.render(
      'admin/targets.njk',
      {
        pageTitle: 'Targets',
        area,
        areas: areas.map((candidate) => ({ value: candidate.id, text: candidate.name, selected: candidate.id === area.id })),
        rules: RULE_IDS.map((ruleId) => {
          const target = current.get(ruleId);
          return {
            ruleId,
            id: inputId(ruleId),
            title: RULES.get(ruleId)?.title ?? ruleId,
            owner: label(RULES.get(ruleId)?.owner ?? 'unknown'),
            value: posted ? field(page.form, `target:${ruleId}`) : target ? String(target.targetPercent) : '',
            version: target?.version ?? '',
          };
        }),
        ...extra,
      },
      status,
    );
  }

  private async save(page: Page): Promise<FastifyReply> {
    const areaId = field(page.form, 'area');
    if (!UUID.test(areaId)) return page.render('errors/404.njk', { pageTitle: 'Page not found' }, 404);
    const current = new Map((await this.targets.list(page.actor, areaId)).map((target) => [target.ruleId, target]));
    const problems: Array<{ field: string; message: string }> = [];
    const changes: Array<{ ruleId: string; percent: number | null; version: number | undefined }> = [];
    for (const ruleId of RULE_IDS) {
      const text = field(page.form, `target:${ruleId}`).replace(/%$/, '').trim();
      const sentVersion = Number.parseInt(field(page.form, `version:${ruleId}`), 10);
      const version = Number.isInteger(sentVersion) ? sentVersion : undefined;
      const existing = current.get(ruleId);
      if (text === '') {
        if (existing || version !== undefined) changes.push({ ruleId, percent: null, version });
        continue;
      }
      try {
        const request = await asRequest(SetReportTargetRequest, { targetPercent: /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text });
        if (!existing || existing.targetPercent !== request.targetPercent || version !== existing.version) changes.push({ ruleId, percent: request.targetPercent, version });
      } catch (error) {
        if (!fieldProblemsOf(error)) throw error;
        problems.push({ field: inputId(ruleId), message: `Enter the target for ${ruleId} as a number from 0 to 100, with at most one decimal place` });
      }
    }
    if (problems.length) return this.show(page, summaryOf(problems), 400);
    const stale: string[] = [];
    for (const change of changes) {
      try {
        if (change.percent === null) {
          if (change.version !== undefined) await this.targets.remove(page.actor, areaId, change.ruleId, change.version);
        } else {
          await this.targets.set(page.actor, areaId, change.ruleId, change.version, change.percent);
        }
      } catch (error) {
        // Changed, set or removed by someone else since the page was opened.
        if (!isConflict(error) && !(error instanceof DomainError && [404, 428].includes(error.status))) throw error;
        stale.push(change.ruleId);
      }
    }
    if (stale.length) {
      return this.show(page, summaryOf(stale.map((ruleId) => ({ field: inputId(ruleId), message: `Someone else changed the target for ${ruleId}: check it and try again` }))), 409);
    }
    page.request.session.set('flash', { heading: 'Targets saved', text: `${changes.length} ${changes.length === 1 ? 'target' : 'targets'} changed.` });
    return page.redirect(`/admin/targets?area=${areaId}`);
  }
}
