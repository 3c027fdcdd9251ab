import { Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../access/roles.js';
import { Clock } from '../app/clock.js';
import { DomainError } from '../app/domain-error.js';
import { isUnavailableError } from '../app/problem-details.js';
import { AuthService, type WebSessionStart } from '../identity/auth.service.js';
import { UsersService } from '../identity/users.service.js';
import { label } from './labels.js';
import type { FormBody, Page, PageGroup, PageHandler, PageRouter, SignedInUser } from './page.js';
import { AdminPages } from './routes/admin.pages.js';
import { CourtWeekPages } from './routes/court-week.pages.js';
import { FiguresPages } from './routes/figures.pages.js';
import { FindPages } from './routes/find.pages.js';
import { JourneyPages } from './routes/journey.pages.js';
import { ReferralPages } from './routes/referral.pages.js';
import { SignInPages, signedOutForIdleness } from './routes/sign-in.pages.js';
import { TargetPages } from './routes/target.pages.js';
import { TeamPages } from './routes/team.pages.js';
import { WitnessCasePages } from './routes/witness-case.pages.js';
import { WorkQueuePages } from './routes/work-queue.pages.js';
import type { WebConfig } from './web-config.js';

declare module 'fastify' {
  interface Session {
    start?: WebSessionStart;
    /** When the session was last used (epoch ms): the idle timeout counts from here. */
    seenAt?: number;
    /** A one-off message for the next page (GOV.UK notification banner). */
    flash?: { heading: string; text?: string; important?: boolean };
    /** Answers of a multi-page form in progress (record a referral). */
    draft?: Record<string, string>;
    /** The reference of the referral just recorded, for its confirmation page. */
    lastReferral?: { journeyId: string; reference: string; outcome: string };
  }
}

const AREA_NAMES_TTL_MS = 60_000;

/**
 * The workspace's pages: who is signed in (a session resolved the way the AuthGuard
 * resolves a token, into the same Actor), the page groups' routes, the layout's context
 * and the error pages.
 */
@Injectable()
export class Workspace {
  private readonly logger = new Logger('Workspace');
  private areaNames: { at: number; names: Map<string, string> } | null = null;
  private web!: WebConfig;
  private readonly groups: PageGroup[];

  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    signIn: SignInPages,
    workQueue: WorkQueuePages,
    journey: JourneyPages,
    find: FindPages,
    referrals: ReferralPages,
    team: TeamPages,
    admin: AdminPages,
    courtWeek: CourtWeekPages,
    witnessCase: WitnessCasePages,
    figures: FiguresPages,
    targets: TargetPages,
  ) {
    this.groups = [signIn, workQueue, journey, find, referrals, team, admin, courtWeek, witnessCase, figures, targets];
  }

  register(scope: FastifyInstance, web: WebConfig): void {
    this.web = web;
    const route = (method: 'GET' | 'POST', path: string, roles: readonly Role[] | 'any' | 'public', handler: PageHandler) => {
      scope.route({ method, url: path, handler: (request, reply) => this.handle(request, reply, roles, handler) });
    };
    const router: PageRouter & { public(method: 'GET' | 'POST', path: string, handler: PageHandler): void } = {
      get: (path, roles, handler) => route('GET', path, roles, handler),
      post: (path, roles, handler) => route('POST', path, roles, handler),
      public: (method, path, handler) => route(method, path, 'public', handler),
    };
    for (const group of this.groups) group.routes(router);
  }

  get config(): WebConfig {
    return this.web;
  }

  private async handle(request: FastifyRequest, reply: FastifyReply, roles: readonly Role[] | 'any' | 'public', handler: PageHandler): Promise<unknown> {
    void reply.header('cache-control', 'no-store');
    const user = roles === 'public' ? null : await this.signedIn(request, reply);
    if (roles !== 'public' && !user) return reply;
    if (user && user.mustChangePassword && !['/change-password', '/sign-out', '/session/keep-alive'].includes(request.routeOptions.url ?? '')) {
      return reply.redirect('/change-password');
    }
    if (user && roles !== 'any' && roles !== 'public' && !user.user.roles.some((role) => roles.includes(role))) {
      return this.renderStatus(request, reply, 403, user.user);
    }
    return handler(this.pageOf(request, reply, user?.user ?? null));
  }

  /** The signed-in user of this request, or null after redirecting to sign in. */
  private async signedIn(request: FastifyRequest, reply: FastifyReply): Promise<{ user: SignedInUser; mustChangePassword: boolean } | null> {
    const start = request.session.get('start');
    const returnTo = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.url)}` : '';
    if (!start) {
      reply.redirect(`/sign-in${returnTo}`);
      return null;
    }
    // The idle timeout is the server's: the browser's warning only says it is coming.
    const now = this.clock.now().getTime();
    const seenAt = request.session.get('seenAt') ?? start.issuedAt;
    if (now - seenAt > this.web.idleMinutes * 60_000) {
      await request.session.regenerate();
      request.session.set('flash', signedOutForIdleness(this.web.idleMinutes));
      reply.redirect(`/sign-in${returnTo}`);
      return null;
    }
    let principal;
    try {
      principal = await this.auth.principalFromSession(start);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 401) throw error;
      // Signed out elsewhere, password changed or reset, disabled, roles or areas changed.
      await request.session.regenerate();
      reply.redirect(`/sign-in${returnTo}`);
      return null;
    }
    request.session.set('seenAt', now);
    const names = await this.areaNamesById();
    const actor = this.auth.actorFor(principal.user, principal.areaIds, String(request.id), null, principal.sessionFamilyId);
    return {
      user: {
        actor,
        name: principal.user.displayName,
        email: principal.user.email,
        roles: principal.user.roles,
        areaNames: principal.areaIds.map((id) => names.get(id) ?? id).sort(),
        areas: principal.areaIds.map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => a.name.localeCompare(b.name)),
      },
      mustChangePassword: principal.user.mustChangePassword,
    };
  }

  /** Areas change rarely and carry no personal data: their names are kept a minute. */
  private async areaNamesById(): Promise<Map<string, string>> {
    if (!this.areaNames || Date.now() - this.areaNames.at > AREA_NAMES_TTL_MS) {
      const areas = await this.users.listAreas();
      this.areaNames = { at: Date.now(), names: new Map(areas.map((area) => [area.id, area.name])) };
    }
    return this.areaNames.names;
  }

  private pageOf(request: FastifyRequest, reply: FastifyReply, user: SignedInUser | null): Page {
    return {
      request,
      reply,
      user: user!,
      actor: user?.actor as Page['actor'],
      params: (request.params ?? {}) as Record<string, string>,
      query: (request.query ?? {}) as Record<string, string | undefined>,
      form: (request.body ?? {}) as FormBody,
      render: (view, data = {}, status = 200) => this.render(request, reply, view, data, status, user),
      redirect: (url) => reply.redirect(url, 303),
    };
  }

  async render(request: FastifyRequest, reply: FastifyReply, view: string, data: Record<string, unknown>, status: number, user: SignedInUser | null): Promise<FastifyReply> {
    const flash = request.session?.get('flash');
    if (flash) request.session.set('flash', undefined);
    const html = await reply.viewAsync(view, {
      ...this.layoutContext(request, reply, user),
      flash,
      ...data,
    });
    return reply.status(status).type('text/html; charset=utf-8').send(html);
  }

  private layoutContext(request: FastifyRequest, reply: FastifyReply, user: SignedInUser | null): Record<string, unknown> {
    const roles = user?.roles ?? [];
    const has = (...wanted: Role[]) => roles.some((role) => wanted.includes(role));
    const path = request.url.split('?')[0];
    const navigation = user
      ? [
          has('caseworker', 'supervisor') && { href: '/work-queue', text: 'Work queue' },
          has('supervisor') && { href: '/team', text: 'Team' },
          has('witness_care_officer', 'supervisor') && { href: '/court-week', text: 'Court week' },
          has('caseworker', 'supervisor', 'witness_care_officer') && { href: '/find', text: 'Find a journey' },
          has('caseworker', 'supervisor') && { href: '/referrals/new', text: 'Record a referral' },
          has('caseworker', 'supervisor') && { href: '/referral-imports', text: 'Referral imports' },
          has('commissioner', 'supervisor') && { href: '/figures', text: 'Figures' },
          has('admin') && { href: '/admin/users', text: 'Users' },
          has('admin') && { href: '/admin/targets', text: 'Targets' },
        ]
          .filter((item): item is { href: string; text: string } => Boolean(item))
          .map((item) => ({ ...item, active: path === item.href || path.startsWith(`${item.href}/`) }))
      : [];
    return {
      serviceName: 'Victim journey service',
      user: user && { name: user.name, roleNames: user.roles.map(label).join(', '), areaNames: user.areaNames.join(', ') || 'No area' },
      navigation,
      csrfToken: reply.generateCsrf(),
      cspNonce: (reply as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script,
      currentPath: path,
      timeout: user && { idleSeconds: this.web.idleMinutes * 60, warningSeconds: this.web.warningMinutes * 60 },
    };
  }

  renderNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    return this.renderStatus(request, reply, 404, null);
  }

  private renderStatus(request: FastifyRequest, reply: FastifyReply, status: 403 | 404 | 500 | 503, user: SignedInUser | null): Promise<FastifyReply> {
    return this.render(request, reply, `errors/${status}.njk`, {}, status, user);
  }

  /** Any error a page did not handle becomes a GOV.UK error page; nothing of it is shown. */
  async renderError(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('FST_CSRF')) {
      return this.render(request, reply, 'errors/403.njk', { csrf: true }, 403, null);
    }
    if (error instanceof DomainError && error.status === 404) return this.renderStatus(request, reply, 404, null);
    if (error instanceof DomainError && error.status === 403) return this.renderStatus(request, reply, 403, null);
    const refused = clientErrorOf(error);
    if (refused) {
      // What the browser sent was refused before a page could read it (a NUL byte, a body too
      // large or of a type no page takes, JSON that cannot be read): the sender's fault, a 4xx.
      this.logger.warn({ err: { code: refused.code, status: refused.status } }, `Page refused the request: ${refused.code}`);
      return this.render(request, reply, 'errors/400.njk', { fields: refused.fields, status: refused.status }, refused.status, null);
    }
    const unavailable = isUnavailableError(error);
    const name = error instanceof Error ? error.name : typeof error;
    this.logger.error({ err: { name, code, stack: error instanceof Error ? error.stack?.split('\n').slice(0, 6).join('\n') : undefined } }, `Page failed: ${name}`);
    try {
      return await this.renderStatus(request, reply, unavailable ? 503 : 500, null);
    } catch {
      return reply.status(500).type('text/plain; charset=utf-8').send('Sorry, there is a problem with the service.');
    }
  }
}

/**
 * A refusal of what the client sent (4xx), from the checks every request meets before a page
 * (the NUL check, Fastify's body parsers and limits), or a page's own validation left uncaught.
 * Field names only, never the values sent.
 */
function clientErrorOf(error: unknown): { status: number; code: string; fields: string[] } | null {
  if (error instanceof DomainError) {
    if (error.status < 400 || error.status >= 500) return null;
    const problems = (error.extensions.errors as Array<{ field?: unknown }> | undefined) ?? [];
    return { status: error.status, code: error.code, fields: problems.map((problem) => String(problem.field ?? '')).filter(Boolean) };
  }
  const { statusCode, code } = (error ?? {}) as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return null;
  return { status: statusCode, code: typeof code === 'string' ? code : 'BAD_REQUEST', fields: [] };
}

export type { FormBody };
