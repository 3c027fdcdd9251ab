import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { EntityManager } from 'typeorm';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, partnerRetry, type CrimeAnswer, type PartnerRetry } from '../crimes/crime-work.js';
import { idempotencyKeyFrom } from '../idempotency/idempotency.store.js';
import { TransactionRunner } from '../database/transaction.js';
import type { CrimeRef } from '../crimes/crime-ref.js';
import { CourtRecords, type CourtRecordKind } from './court-records.repository.js';

/** The court's records that hang off a crime, found by their own id, as messages name them. */
const WHAT: Record<CourtRecordKind, string> = { hearing: 'The hearing', outcome: 'The outcome', appeal: 'The appeal' };

/**
 * The frame of the court's commands: CrimeWork's (the crime locked in scope, every journey
 * told through the ledger) plus what court feeds need. A partner system's command carries
 * an Idempotency-Key: a retry with the same key and body gets the first answer, stored in
 * the command's own transaction. A command on a hearing, outcome or appeal finds it in the
 * caller's areas first: another area's id is not found (404), and the attempt is audited.
 */
@Injectable()
export class CourtWork {
  constructor(
    private readonly crimeWork: CrimeWork,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly records: CourtRecords,
    private readonly clock: Clock,
  ) {}

  onCrime<T>(actor: Actor, crimeId: string, retry: PartnerRetry | null, statusCode: number, work: (tx: EntityManager, crime: CrimeRef) => Promise<T>): Promise<CrimeAnswer<T>> {
    return this.crimeWork.commandOnce(actor, crimeId, retry, work, statusCode);
  }

  async onRecord<T>(
    actor: Actor,
    kind: CourtRecordKind,
    id: string,
    retry: PartnerRetry | null,
    statusCode: number,
    work: (tx: EntityManager, crime: CrimeRef) => Promise<T>,
  ): Promise<CrimeAnswer<T>> {
    const crimeId = await this.transactions.run((tx) => this.records.crimeOfRecord(tx, AccessScope.of(actor), kind, id));
    if (!crimeId) {
      await this.transactions.run((tx) => this.audit.record(tx, actor, { action: 'access_denied', entityType: kind, entityId: id }));
      throw notFound(WHAT[kind]);
    }
    return this.onCrime(actor, crimeId, retry, statusCode, work);
  }

  /** An audited read of one of the crime's court records; another area's is not found (and the attempt audited). */
  async readRecord<T>(actor: Actor, kind: CourtRecordKind, id: string, work: (tx: EntityManager, crimeId: string) => Promise<T>): Promise<T> {
    const result = await this.transactions.run(async (tx) => {
      const crimeId = await this.records.crimeOfRecord(tx, AccessScope.of(actor), kind, id);
      if (!crimeId) {
        await this.audit.record(tx, actor, { action: 'access_denied', entityType: kind, entityId: id });
        return { found: false as const };
      }
      const value = await work(tx, crimeId);
      // A court record's answer lists every journey on the crime (who was told what, and how):
      // each of their people is consulted, so "who saw this person" must list this read.
      const { areaId, journeyIds } = await this.records.areaAndJourneysOfCrime(tx, crimeId);
      await this.audit.record(tx, actor, { action: 'read', entityType: kind, entityId: id, areaId, details: { crimeId, journeyIds } });
      return { found: true as const, value };
    });
    if (!result.found) throw notFound(WHAT[kind]);
    return result.value;
  }

  /** Problems with instants the client says have happened: none may be in the future. */
  notInFuture(instants: Record<string, Date | undefined>): FieldProblem[] {
    return futureInstantProblems(instants, this.clock.now());
  }

  check(problems: FieldProblem[]): void {
    if (problems.length > 0) throw validationFailed(problems);
  }

  now(): Date {
    return this.clock.now();
  }
}

/** The retry identity of a court command: required from partner systems (court feeds), optional for staff. */
export function retryOf(actor: Actor, header: string | undefined, operation: string, body: unknown): PartnerRetry | null {
  return partnerRetry(idempotencyKeyFrom(header, actor.roles.includes('partner_system')), operation, body);
}

/** Sends a court command's answer, marked when it is a replay of the first; its row's ETag goes with @SendsEtag(). */
export function sendAnswer<T extends object>(reply: FastifyReply, answer: CrimeAnswer<T>): T {
  if (answer.replayed) void reply.header('idempotent-replayed', 'true');
  return answer.body;
}
