import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Organisation, RjResponse, RjStage } from './after-outcome-vocabulary.js';
import type { RjOfferResponse } from './dto/rj-offer.dto.js';

// `answer` is the response as the first version of the API named it.
const OFFER_COLUMNS = `id, event_id AS "eventId", journey_id AS "journeyId", stage, offered_at AS "offeredAt", offered_by AS "offeredBy", response,
  CASE WHEN response = 'interested' THEN 'interested' ELSE 'not_interested' END AS answer, created_by AS "createdBy"`;

export interface NewRjOffer {
  id: string;
  areaId: string;
  journeyId: string;
  /** The offer's `rj.offered` event. */
  eventId: string;
  stage: RjStage;
  offeredAt: Date;
  offeredBy: Organisation;
  response: RjResponse;
  createdBy: string;
}

/** An offer as a referral to the hub needs it: was the victim interested, and when. */
export interface OfferToRefer {
  id: string;
  response: RjResponse;
  offeredAt: Date;
}

/** SQL over rj_offers for a journey the ledger locked (or found) in scope: the journey id is the key. */
@Injectable()
export class RjOffersRepository {
  async insert(tx: EntityManager, offer: NewRjOffer): Promise<RjOfferResponse> {
    const [row]: RjOfferResponse[] = await tx.query(
      `INSERT INTO rj_offers (id, area_id, journey_id, event_id, stage, offered_at, offered_by, response, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${OFFER_COLUMNS}`,
      [offer.id, offer.areaId, offer.journeyId, offer.eventId, offer.stage, offer.offeredAt, offer.offeredBy, offer.response, offer.createdBy],
    );
    return row;
  }

  /** The journey's offers, newest first. */
  ofJourney(tx: EntityManager, journeyId: string): Promise<RjOfferResponse[]> {
    return tx.query(`SELECT ${OFFER_COLUMNS} FROM rj_offers WHERE journey_id = $1 ORDER BY offered_at DESC, created_at DESC`, [journeyId]);
  }

  /** The journey's offer with this id, or null. */
  async offerOf(tx: EntityManager, journeyId: string, offerId: string): Promise<OfferToRefer | null> {
    const [offer]: OfferToRefer[] = await tx.query(`SELECT id, response, offered_at AS "offeredAt" FROM rj_offers WHERE id = $1 AND journey_id = $2`, [offerId, journeyId]);
    return offer ?? null;
  }

  /** The journey's latest offer, or null. */
  async latestOffer(tx: EntityManager, journeyId: string): Promise<OfferToRefer | null> {
    const [offer]: OfferToRefer[] = await tx.query(
      `SELECT id, response, offered_at AS "offeredAt" FROM rj_offers WHERE journey_id = $1 ORDER BY offered_at DESC, created_at DESC LIMIT 1`,
      [journeyId],
    );
    return offer ?? null;
  }
}
