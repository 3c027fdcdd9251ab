import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditRecord, type AuditSubjects, AuditService } from '../audit/audit.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuids(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.filter((item): item is string => typeof item === 'string' && UUID.test(item));
}

/** The journeys an audit record is about: its entity, or the journeys its details name (a search's results). */
function journeysOf(record: AuditRecord): string[] {
  const details = record.details ?? {};
  return [
    ...(record.entityType === 'journey' ? uuids(record.entityId) : []),
    ...uuids(details.journeyId),
    ...uuids(details.journeyIds),
    ...(record.entityType === 'journey' ? uuids(details.resultIds) : []),
  ];
}

/**
 * Gives every audit row about a journey (or a crime's journeys) the ids of the people on
 * it, in the row's own transaction: one indexed query per audited transaction. Looked up
 * without scoping, so a refused attempt on another area's journey names its person too.
 */
@Injectable()
export class JourneyAuditSubjects implements AuditSubjects, OnModuleInit {
  constructor(private readonly audit: AuditService) {}

  onModuleInit(): void {
    this.audit.findPeopleWith(this);
  }

  async peopleOf(tx: EntityManager, records: readonly AuditRecord[]): Promise<string[][]> {
    const journeyIds = [...new Set(records.flatMap(journeysOf))];
    const crimeIds = [...new Set(records.flatMap((record) => (record.entityType === 'crime' ? uuids(record.entityId) : [])))];
    if (journeyIds.length === 0 && crimeIds.length === 0) return records.map(() => []);
    const rows: Array<{ kind: 'journey' | 'crime'; key: string; personId: string }> = await tx.query(
      `SELECT 'journey' AS kind, id::text AS key, person_id::text AS "personId" FROM journeys WHERE id = ANY ($1::uuid[])
       UNION ALL
       SELECT 'crime', crime_id::text, person_id::text FROM journeys WHERE crime_id = ANY ($2::uuid[])`,
      [journeyIds, crimeIds],
    );
    const people = new Map<string, string[]>();
    for (const row of rows) {
      const key = `${row.kind}:${row.key.toLowerCase()}`;
      people.set(key, [...(people.get(key) ?? []), row.personId]);
    }
    return records.map((record) => [
      ...journeysOf(record).flatMap((id) => people.get(`journey:${id.toLowerCase()}`) ?? []),
      ...(record.entityType === 'crime' ? uuids(record.entityId).flatMap((id) => people.get(`crime:${id.toLowerCase()}`) ?? []) : []),
    ]);
  }
}
