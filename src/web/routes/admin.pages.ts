import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiter, rateLimitCaller } from '../../access/rate-limit.js';
import { ADMINS, ROLES } from '../../access/roles.js';
import { PASSWORD_RESETS } from '../../identity/identity-rate-limits.js';
import { CreateUserRequest, UpdateUserRequest } from '../../identity/dto/user.dto.js';
import { UsersService } from '../../identity/users.service.js';
import { asRequest } from '../forms.js';
import { choices, label } from '../labels.js';
import { londonDateTime } from '../london-time.js';
import { field, fieldProblemsOf, fields, isConflict, type Page, type PageRouter, refusalOf, summaryOf } from '../page.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;

const FIELD_IDS: Record<string, string> = { displayName: 'displayName', email: 'email', organisationId: 'organisationId', roles: 'roles', areaIds: 'areaIds', supervisorId: 'supervisorId' };

/**
 * Accounts: list, create (a person gets a temporary password, shown once; a partner
 * system gets its API key, shown once), change roles and areas, disable or enable, reset
 * a password. Through UsersService, as the API's admin routes.
 */
@Injectable()
export class AdminPages {
  constructor(
    private readonly users: UsersService,
    private readonly limiter: RateLimiter,
  ) {}

  routes(router: PageRouter): void {
    router.get('/admin/users', ADMINS, (page) => this.list(page));
    router.get('/admin/users/new', ADMINS, (page) => this.newForm(page));
    router.post('/admin/users/new', ADMINS, (page) => this.create(page));
    router.get('/admin/users/:id', ADMINS, (page) => this.show(page));
    router.post('/admin/users/:id', ADMINS, (page) => this.update(page));
    router.post('/admin/users/:id/password-reset', ADMINS, (page) => this.reset(page));
  }

  private async list(page: Page): Promise<FastifyReply> {
    const pageNumber = Math.min(Math.max(1, Number.parseInt(page.query.page ?? '1', 10) || 1), 10_000);
    const [found, organisations] = await Promise.all([this.users.list(PAGE_SIZE, (pageNumber - 1) * PAGE_SIZE), this.users.listOrganisations()]);
    const organisationName = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
    return page.render('admin/users.njk', {
      pageTitle: 'Users',
      users: found.items.map((user) => ({
        ...user,
        href: `/admin/users/${user.id}`,
        roleNames: user.roles.map(label).join(', '),
        organisationName: organisationName.get(user.organisationId) ?? '',
        lastLogin: user.lastLoginAt ? londonDateTime(user.lastLoginAt) : 'Never',
      })),
      total: found.total,
      pagination: found.total > PAGE_SIZE && {
        previous: pageNumber > 1 ? { href: `/admin/users?page=${pageNumber - 1}` } : undefined,
        next: pageNumber * PAGE_SIZE < found.total ? { href: `/admin/users?page=${pageNumber + 1}` } : undefined,
      },
    });
  }

  private async formData(page: Page, chosen: { roles: string[]; areaIds: string[]; organisationId: string }) {
    const [areas, organisations] = await Promise.all([this.users.listAreas(), this.users.listOrganisations()]);
    return {
      roles: choices(ROLES, chosen.roles),
      areas: areas.map((area) => ({ value: area.id, text: area.name, checked: chosen.areaIds.includes(area.id) })),
      organisations: [{ value: '', text: 'Choose an organisation' }, ...organisations.map((organisation) => ({ value: organisation.id, text: organisation.name, selected: organisation.id === chosen.organisationId }))],
    };
  }

  private async newForm(page: Page, extra: Record<string, unknown> = {}, status = 200): Promise<FastifyReply> {
    const chosen = { roles: fields(page.form, 'roles'), areaIds: fields(page.form, 'areaIds'), organisationId: field(page.form, 'organisationId') };
    return page.render('admin/new-user.njk', { pageTitle: 'Add a user', backLink: '/admin/users', answers: page.form, ...(await this.formData(page, chosen)), ...extra }, status);
  }

  private async create(page: Page): Promise<FastifyReply> {
    try {
      const problems = [];
      if (!field(page.form, 'displayName')) problems.push({ field: 'displayName', message: 'Enter the name' });
      if (!field(page.form, 'email')) problems.push({ field: 'email', message: 'Enter the email address' });
      if (!field(page.form, 'organisationId')) problems.push({ field: 'organisationId', message: 'Choose the organisation' });
      if (fields(page.form, 'roles').length === 0) problems.push({ field: 'roles', message: 'Select at least one role' });
      if (problems.length) return this.newForm(page, summaryOf(problems), 400);
      const request = await asRequest(CreateUserRequest, {
        displayName: field(page.form, 'displayName'),
        email: field(page.form, 'email'),
        organisationId: field(page.form, 'organisationId'),
        roles: fields(page.form, 'roles'),
        areaIds: fields(page.form, 'areaIds'),
      });
      const created = await this.users.create(page.actor, request);
      // The secret is shown once, on this answer, and never stored in the session.
      return page.render('admin/created.njk', { pageTitle: 'User added', created, roleNames: created.user.roles.map(label).join(', ') });
    } catch (error) {
      const problems = fieldProblemsOf(error);
      const refusal = refusalOf(error);
      if (!problems && !refusal) throw error;
      const summary = problems
        ? summaryOf(problems.map((problem) => ({ field: FIELD_IDS[problem.field.split(/[.[]/)[0]] ?? 'displayName', message: sentence(problem.field, problem.message) })))
        : summaryOf([{ field: 'email', message: refusal! }]);
      return this.newForm(page, summary, 400);
    }
  }

  private async show(page: Page, extra: Record<string, unknown> = {}, status = 200): Promise<FastifyReply> {
    if (!UUID.test(page.params.id ?? '')) return page.render('errors/404.njk', { pageTitle: 'Page not found' }, 404);
    const user = await this.users.get(page.params.id);
    const posted = page.request.method === 'POST';
    const chosen = {
      roles: posted ? fields(page.form, 'roles') : user.roles,
      areaIds: posted ? fields(page.form, 'areaIds') : user.areaIds,
      organisationId: user.organisationId,
    };
    return page.render('admin/user.njk', { pageTitle: user.displayName, backLink: '/admin/users', account: { ...user, lastLogin: user.lastLoginAt ? londonDateTime(user.lastLoginAt) : 'Never', roleNames: user.roles.map(label).join(', ') }, ...(await this.formData(page, chosen)), ...extra }, status);
  }

  private async update(page: Page): Promise<FastifyReply> {
    if (!UUID.test(page.params.id ?? '')) return page.render('errors/404.njk', { pageTitle: 'Page not found' }, 404);
    const version = Number.parseInt(field(page.form, 'version'), 10);
    const action = field(page.form, 'action');
    try {
      const request =
        action === 'disable' ? { disabled: true } : action === 'enable' ? { disabled: false } : { roles: fields(page.form, 'roles'), areaIds: fields(page.form, 'areaIds') };
      await this.users.update(page.actor, page.params.id, Number.isInteger(version) ? version : -1, await asRequest(UpdateUserRequest, request));
      page.request.session.set('flash', { heading: action === 'disable' ? 'Account disabled' : action === 'enable' ? 'Account enabled' : 'Roles and areas saved', text: 'Their sessions have ended: the change applies at once.' });
      return page.redirect(`/admin/users/${page.params.id}`);
    } catch (error) {
      const problems = fieldProblemsOf(error);
      if (isConflict(error)) return this.show(page, { errorList: [{ text: 'Someone else changed this account. Check it and try again.', href: '#roles' }] }, 409);
      const refusal = refusalOf(error);
      if (!problems && !refusal) throw error;
      return this.show(page, problems ? summaryOf(problems.map((problem) => ({ field: FIELD_IDS[problem.field.split(/[.[]/)[0]] ?? 'roles', message: sentence(problem.field, problem.message) }))) : summaryOf([{ field: 'roles', message: refusal! }]), 400);
    }
  }

  private async reset(page: Page): Promise<FastifyReply> {
    if (!UUID.test(page.params.id ?? '')) return page.render('errors/404.njk', { pageTitle: 'Page not found' }, 404);
    // The same budget as POST /users/{id}/password-reset: a page is no way round it.
    await this.limiter.consume(PASSWORD_RESETS, rateLimitCaller(page.actor.userId, page.request.ip));
    try {
      const { temporaryPassword } = await this.users.resetPassword(page.actor, page.params.id);
      return this.show(page, { temporaryPassword });
    } catch (error) {
      const problems = fieldProblemsOf(error);
      if (!problems) throw error;
      return this.show(page, summaryOf([{ field: 'reset', message: problems[0].message.charAt(0).toUpperCase() + problems[0].message.slice(1) }]), 400);
    }
  }
}

function sentence(fieldName: string, message: string): string {
  const words = fieldName.split(/[.[]/)[0].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} ${message}`;
}
