import type { SignedInUser } from '../support/fixtures.js';
import type { TestApp } from '../support/test-app.js';
import { charged, closeJourney, recordOnJourney, sentenced } from '../after-outcome/court-news.builder.js';

/**
 * The rights a journey's victim is offered after referral, recorded through the API as
 * caseworkers and witness care officers record them, each at its own instant (the test's
 * clock is moved there and put back). The court's news (a charge, a sentence) goes on the
 * journey as the investigation and court modules put it there.
 */
export class RightsSteps {
  constructor(
    private readonly t: TestApp,
    private readonly user: SignedInUser,
  ) {}

  private async at<T>(instant: string, step: () => Promise<T>): Promise<T> {
    const now = this.t.clock.now();
    this.t.clock.set(new Date(instant));
    try {
      return await step();
    } finally {
      this.t.clock.set(now);
    }
  }

  private async send(method: 'post' | 'patch', path: string, body: object, ifMatch?: string): Promise<Record<string, unknown>> {
    const request = this.t.http()[method](`/api/v1/journeys/${path}`).set('authorization', this.user.bearer);
    if (ifMatch) request.set('if-match', ifMatch);
    const response = await request.send(body);
    if (response.status >= 300) throw new Error(`${method} ${path} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Record<string, unknown>;
  }

  charge(journeyId: string, at: string): Promise<void> {
    return this.at(at, () => recordOnJourney(this.t, this.user, journeyId, [charged(at)]));
  }

  sentence(journeyId: string, at: string, outcomeId: string, sentence: Parameters<typeof sentenced>[2] = {}): Promise<void> {
    return this.at(at, () => recordOnJourney(this.t, this.user, journeyId, [sentenced(at, outcomeId, sentence)]));
  }

  async offerVps(journeyId: string, at: string): Promise<void> {
    await this.at(at, () => this.send('post', `${journeyId}/vps/offers`, { offeredAt: at, offeredBy: 'police' }));
  }

  async makeVps(journeyId: string, at: string): Promise<void> {
    await this.at(at, () => this.send('post', `${journeyId}/vps/statements`, { madeAt: at, form: 'written' }));
  }

  async offerRj(journeyId: string, at: string, response: 'interested' | 'not_now' | 'declined'): Promise<void> {
    await this.at(at, () => this.send('post', `${journeyId}/rj-offers`, { offeredAt: at, response }));
  }

  /** Refers to the restorative justice service; with `outcome`, records what came of it at `outcomeAt`. */
  async referRj(journeyId: string, at: string, outcome?: { outcome: string; at: string }): Promise<string> {
    const referral = await this.at(at, () => this.send('post', `${journeyId}/rj-referrals`, { consentGiven: true, consentRecordedAt: at, referredAt: at }));
    if (outcome) {
      await this.at(outcome.at, () =>
        this.send('patch', `${journeyId}/rj-referrals/${referral.id}`, { outcome: outcome.outcome, outcomeAt: outcome.at }, `"${referral.version}"`),
      );
    }
    return referral.id as string;
  }

  /** Refers to the Victim Contact Scheme for a sentence; with `contact`, records probation reaching the victim. */
  async referVcs(journeyId: string, at: string, outcomeId: string, options: { discretionary?: boolean; contact?: { at: string; choice: string } } = {}): Promise<void> {
    const referral = await this.at(at, () =>
      this.send('post', `${journeyId}/vcs-referrals`, { outcomeId, referredAt: at, ...(options.discretionary ? { discretionary: true } : {}) }),
    );
    const { contact } = options;
    if (contact) {
      await this.at(contact.at, () =>
        this.send('patch', `${journeyId}/vcs-referrals/${referral.id}/contact`, { contactedAt: contact.at, victimChoice: contact.choice }, `"${referral.version}"`),
      );
    }
  }

  /** A complaint received at `at`, then taken through the steps given, in order. */
  async complain(
    journeyId: string,
    at: string,
    against: string,
    steps: Array<{ acknowledgedAt: string } | { respondedAt: string; finding: string } | { escalatedAt: string; to: string }> = [],
  ): Promise<void> {
    const complaint = await this.at(at, () =>
      this.send('post', `${journeyId}/complaints`, { against, receivedAt: at, summary: 'Told nothing about the hearing date' }),
    );
    let version = complaint.version as number;
    for (const step of steps) {
      const [path, instant] =
        'acknowledgedAt' in step ? ['acknowledgement', step.acknowledgedAt] : 'respondedAt' in step ? ['response', step.respondedAt] : ['escalation', step.escalatedAt];
      const changed = await this.at(instant, () => this.send('post', `${journeyId}/complaints/${complaint.id}/${path}`, step, `"${version}"`));
      version = changed.version as number;
    }
  }

  close(journeyId: string, at: string): Promise<void> {
    return closeJourney(this.t, this.user, journeyId, new Date(at));
  }
}
