import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../app/config.js';

/**
 * Pseudonymous person ids for commissioners: the same person always has the same one (so
 * repeated breaches for one victim show), but it cannot be turned back into the person's
 * id, let alone a name, without the service's key (HMAC-SHA-256, 64 bits shown).
 */
@Injectable()
export class PersonPseudonyms {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  of(personId: string): string {
    return `P-${createHmac('sha256', this.config.reports.pseudonymSecret).update(personId).digest('hex').slice(0, 16)}`;
  }
}
