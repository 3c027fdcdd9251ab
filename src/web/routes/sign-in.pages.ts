import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RateLimiter, rateLimitCaller } from '../../access/rate-limit.js';
import { DomainError } from '../../app/domain-error.js';
import { PASSWORD_CHANGES } from '../../identity/identity-rate-limits.js';
import { Clock } from '../../app/clock.js';
import { AuthService } from '../../identity/auth.service.js';
import { APP_CONFIG, type AppConfig } from '../../app/config.js';
import { webConfig } from '../web-config.js';
import { field, fieldProblemsOf, type Page, type PageRouter, summaryOf } from '../page.js';

/** Where each role starts its day. */
function homeOf(roles: readonly string[]): string {
  if (roles.includes('caseworker')) return '/work-queue';
  if (roles.includes('supervisor')) return '/team';
  if (roles.includes('witness_care_officer')) return '/court-week';
  if (roles.includes('commissioner')) return '/figures';
  if (roles.includes('admin')) return '/admin/users';
  return '/account';
}

/** The sign-in page's banner after the idle timeout, whether the server or the browser's warning found it. */
export function signedOutForIdleness(idleMinutes: number): { heading: string; text: string; important: boolean } {
  return { heading: 'You were signed out', text: `You were signed out after ${idleMinutes} minutes without activity, to protect victims' information. Sign in again to carry on.`, important: true };
}

/** Only a path of this site: never send someone elsewhere after signing in. */
function safeReturnTo(value: string | undefined): string | null {
  return value && /^\/(?!\/)[^\s\\]*$/.test(value) && !value.startsWith('/sign-') ? value : null;
}

/** Sign in, sign out, change a temporary password, keep a session alive, and the start page. */
@Injectable()
export class SignInPages {
  private readonly idleMinutes: number;

  constructor(
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.idleMinutes = webConfig(config).idleMinutes;
  }

  routes(router: PageRouter & { public(method: 'GET' | 'POST', path: string, handler: (page: Page) => Promise<unknown>): void }): void {
    router.public('GET', '/sign-in', (page) => {
      const returnTo = safeReturnTo(page.query.returnTo);
      // Still signed in: another tab kept the session alive while this one's warning ran out.
      if (page.request.session.get('start')) return Promise.resolve(page.redirect(returnTo ?? '/'));
      // The timeout warning's script comes here when the idle time ran out in the browser.
      const timedOut = page.query.timedOut === '1' ? signedOutForIdleness(this.idleMinutes) : undefined;
      return page.render('sign-in.njk', { returnTo, ...(timedOut ? { flash: timedOut } : {}) });
    });
    router.public('POST', '/sign-in', (page) => this.signIn(page));
    router.post('/sign-out', 'any', (page) => this.signOut(page));
    router.public('GET', '/signed-out', (page) => page.render('signed-out.njk'));
    router.get('/', 'any', async (page) => page.redirect(homeOf(page.user.roles)));
    router.get('/account', 'any', (page) => page.render('account.njk'));
    router.get('/change-password', 'any', (page) => page.render('change-password.njk'));
    router.post('/change-password', 'any', (page) => this.changePassword(page));
    // The timeout warning's "stay signed in": any signed-in request renews the session.
    router.post('/session/keep-alive', 'any', async (page) => page.reply.status(204).send());
  }

  private async signIn(page: Page): Promise<FastifyReply> {
    const email = field(page.form, 'email');
    const password = field(page.form, 'password');
    const returnTo = safeReturnTo(field(page.form, 'returnTo'));
    const problems = [];
    if (!email) problems.push({ field: 'email', message: 'Enter your email address' });
    if (!password) problems.push({ field: 'password', message: 'Enter your password' });
    if (problems.length === 0) {
      try {
        const start = await this.auth.loginForSession(email, password, { address: page.request.ip, requestId: String(page.request.id) });
        // A new session id at sign-in, so a session id planted before it is worth nothing.
        await page.request.session.regenerate();
        page.request.session.set('start', start);
        page.request.session.set('seenAt', this.clock.now().getTime());
        if (start.mustChangePassword) return page.redirect('/change-password');
        return page.redirect(returnTo ?? '/');
      } catch (error) {
        if (!(error instanceof DomainError) || ![401, 423, 429].includes(error.status)) throw error;
        const locked = error.code === 'ACCOUNT_LOCKED';
        problems.push({ field: 'email', message: locked ? 'Too many failed attempts: wait 15 minutes, then try again' : 'Enter the email address and password of your account' });
      }
    }
    return page.render('sign-in.njk', { email, returnTo, ...summaryOf(problems) }, 400);
  }

  private async signOut(page: Page): Promise<FastifyReply> {
    await this.auth.logout(page.actor);
    await page.request.session.destroy();
    return page.redirect('/signed-out');
  }

  private async changePassword(page: Page): Promise<FastifyReply> {
    const currentPassword = field(page.form, 'currentPassword');
    const newPassword = field(page.form, 'newPassword');
    const confirmPassword = field(page.form, 'confirmPassword');
    const problems = [];
    if (!currentPassword) problems.push({ field: 'currentPassword', message: 'Enter your current password' });
    if (!newPassword) problems.push({ field: 'newPassword', message: 'Enter a new password' });
    else if (newPassword !== confirmPassword) problems.push({ field: 'confirmPassword', message: 'The new passwords do not match' });
    if (problems.length === 0) {
      // The same budget as POST /auth/password: a page is no way round it.
      await this.limiter.consume(PASSWORD_CHANGES, rateLimitCaller(page.actor.userId, page.request.ip));
      try {
        const start = await this.auth.changePasswordForSession(page.actor, currentPassword, newPassword, page.request.ip);
        await page.request.session.regenerate();
        page.request.session.set('start', start);
        page.request.session.set('seenAt', this.clock.now().getTime());
        page.request.session.set('flash', { heading: 'Your password has been changed' });
        return page.redirect('/');
      } catch (error) {
        const found = fieldProblemsOf(error);
        if (!found) throw error;
        problems.push(...found.map((problem) => ({ field: problem.field, message: problem.field === 'currentPassword' ? 'Your current password is not right' : `Your new password ${problem.message}` })));
      }
    }
    return page.render('change-password.njk', summaryOf(problems), 400);
  }
}
