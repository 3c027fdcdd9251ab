import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';

/** Told, inside the change's transaction, that facts about a person that decide their rights changed. */
export type PersonFactsListener = (tx: EntityManager, actor: Actor, personId: string, changedAt: Date) => Promise<void>;

/**
 * A person's date of birth and vulnerability flags decide their enhanced rights under the
 * Victims' Code, which the journeys module derives. People sits below journeys, so it
 * cannot call it: journeys registers here, and a change to those facts tells it in the
 * same transaction (the derivation commits with the change or not at all).
 */
@Injectable()
export class PersonFactsListeners {
  private readonly listeners: PersonFactsListener[] = [];

  register(listener: PersonFactsListener): void {
    this.listeners.push(listener);
  }

  async changed(tx: EntityManager, actor: Actor, personId: string, changedAt: Date): Promise<void> {
    for (const listener of this.listeners) await listener(tx, actor, personId, changedAt);
  }
}

/** The person's fields the Victims' Code reads (enhanced rights: vulnerable, under 18 at the offence). */
export const RIGHTS_FACT_FIELDS = ['dateOfBirth', 'vulnerabilityFlags'] as const;
