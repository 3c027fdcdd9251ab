import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { OrganisationKind } from '../../identity/organisation-kinds.js';
import type { DutyOwnerKind } from '../../organisations/duty-owner-kinds.js';
import { OrganisationDirectoryRepository } from '../../organisations/organisation-directory.repository.js';

/** Organisations the directory names that the demo's list of organisations does not have. */
const EXTRA_ORGANISATIONS: Array<{ name: string; kind: OrganisationKind; teamEmail: string }> = [
  { name: 'Durham Crown Court', kind: 'court', teamEmail: 'durham-court-listing@demo.invalid' },
];

/** Each demo area's directory: per duty owner kind, the organisation (by name) and the area's team mailbox. */
const DIRECTORY: Record<string, Record<DutyOwnerKind, { organisation: string; teamMailbox: string }>> = {
  cleveland: {
    police: { organisation: 'Cleveland Police', teamMailbox: 'cleveland-police-victims@demo.invalid' },
    victim_care_service: { organisation: 'Victim Care and Advice Service', teamMailbox: 'vcas-cleveland@demo.invalid' },
    witness_care_unit: { organisation: 'Cleveland and Durham Witness Care Unit', teamMailbox: 'wcu-cleveland@demo.invalid' },
    cps: { organisation: 'CPS North East', teamMailbox: 'cps-north-east-vlu@demo.invalid' },
    court: { organisation: "Teesside Magistrates' Court", teamMailbox: 'teesside-court-listing@demo.invalid' },
    probation: { organisation: 'Probation Service North East', teamMailbox: 'probation-vcs-cleveland@demo.invalid' },
    rj_service: { organisation: 'Restorative Justice Hub', teamMailbox: 'rj-hub-cleveland@demo.invalid' },
  },
  durham: {
    police: { organisation: 'Durham Constabulary', teamMailbox: 'durham-police-victims@demo.invalid' },
    victim_care_service: { organisation: 'Victim Care and Advice Service', teamMailbox: 'vcas-durham@demo.invalid' },
    witness_care_unit: { organisation: 'Cleveland and Durham Witness Care Unit', teamMailbox: 'wcu-durham@demo.invalid' },
    cps: { organisation: 'CPS North East', teamMailbox: 'cps-north-east-vlu@demo.invalid' },
    court: { organisation: 'Durham Crown Court', teamMailbox: 'durham-court-listing@demo.invalid' },
    probation: { organisation: 'Probation Service North East', teamMailbox: 'probation-vcs-durham@demo.invalid' },
    rj_service: { organisation: 'Restorative Justice Hub', teamMailbox: 'rj-hub-durham@demo.invalid' },
  },
};

/**
 * Fills each demo area's organisations directory (issue 19), so every duty of the demo has
 * an organisation, a team and a mailbox to be reminded to. Idempotent: an entry already there
 * is kept as it is (an admin may have changed it).
 */
export async function loadDemoOrganisationDirectory(
  tx: EntityManager,
  audit: AuditService,
  actor: Actor,
  areas: ReadonlyMap<string, string>,
): Promise<string[]> {
  const organisations = new Map<string, string>();
  for (const extra of EXTRA_ORGANISATIONS) {
    await tx.query(
      `INSERT INTO organisations (name, kind, team_email) VALUES ($1, $2, $3) ON CONFLICT ((lower(name))) DO NOTHING`,
      [extra.name, extra.kind, extra.teamEmail],
    );
  }
  for (const row of (await tx.query(`SELECT id, name FROM organisations`)) as Array<{ id: string; name: string }>) organisations.set(row.name, row.id);

  const repository = new OrganisationDirectoryRepository();
  let added = 0;
  for (const [code, entries] of Object.entries(DIRECTORY)) {
    const areaId = areas.get(code);
    if (!areaId) continue;
    for (const [ownerKind, entry] of Object.entries(entries) as Array<[DutyOwnerKind, { organisation: string; teamMailbox: string }]>) {
      const organisationId = organisations.get(entry.organisation);
      if (!organisationId) throw new Error(`Demo directory names an unknown organisation: ${entry.organisation}`);
      const id = await repository.insert(tx, { areaId, ownerKind, organisationId, teamMailbox: entry.teamMailbox });
      if (!id) continue;
      added += 1;
      await audit.record(tx, actor, { action: 'create', entityType: 'organisation_directory', entityId: id, areaId, details: { ownerKind, organisationId, source: 'demo' } });
    }
  }
  return added > 0 ? [`  ${added} organisations directory entries (team mailboxes such as vcas-cleveland@demo.invalid)`] : [];
}
