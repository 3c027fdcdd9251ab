import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { REDIS_CLIENT } from '../app/redis.js';
import { TransactionRunner } from '../database/transaction.js';
import { GENESIS_CHAIN_HASH, leafHash, merkleTreeHash, nextChainHash, signTreeHead } from './audit-chain.js';
import { AuditChainRepository, type StoredTreeHead } from './audit-chain.repository.js';
import { type PublishedHead, publishedHeadKey, toPublishedHead } from './audit-sealer.js';

export type ChainProblemKind =
  | 'missing_positions'
  | 'entry_missing'
  | 'entry_altered'
  | 'head_invalid'
  | 'heads_not_contiguous'
  | 'unsigned_tail'
  | 'rows_outside_chain'
  | 'truncated'
  | 'rewritten';

export interface ChainProblem {
  kind: ChainProblemKind;
  detail: string;
  position?: string;
  seq?: string;
}

export interface ChainVerification {
  valid: boolean;
  /** Sealed rows checked. */
  checked: number;
  /** Rows written but not sealed yet (the sealer runs every few seconds). */
  unsealed: number;
  /** The latest signed tree head: save it elsewhere, and pass it back to prove nothing was cut since. */
  head: PublishedHead | null;
  problems: ChainProblem[];
  /** The first row whose content no longer matches its seal. */
  brokenAtSeq?: string;
}

const BATCH = 5_000;

/**
 * Recomputes the sealed audit log: every position from 1 with no gap, every sealed row
 * present and unchanged (leaf and keyed chain hash), every tree head's range root and
 * signature, heads covering the chain end to end; counts the unsealed tail and rows that
 * appeared behind the chain's end; and compares the chain with heads kept outside the
 * database (the copy in Redis, and one the caller saved) to prove a truncation or rewrite.
 */
@Injectable()
export class AuditVerifier {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly chain: AuditChainRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  async verify(known?: { treeSize: string; chainHash: string }): Promise<ChainVerification> {
    return this.transactions.snapshot(async (tx) => {
      const key = this.config.audit.chainKey;
      const problems: ChainProblem[] = [];
      let brokenAtSeq: string | undefined;
      const heads = new HeadWalk(await this.chain.headsAfter(tx, '0', Number.MAX_SAFE_INTEGER));
      let expected = 1n;
      let previousHash = GENESIS_CHAIN_HASH;
      let checked = 0;
      let after = '0';
      for (;;) {
        const links = await this.chain.linksAfter(tx, after, BATCH);
        for (const link of links) {
          const position = BigInt(link.position);
          // After a gap the link to the missing row cannot be checked (the gap is the problem);
          // carry on from the stored hash, so one gap does not hide later problems.
          const afterGap = position !== expected;
          if (afterGap) {
            problems.push({ kind: 'missing_positions', detail: `positions ${expected} to ${position - 1n} are missing`, position: String(expected) });
          }
          expected = position + 1n;
          if (!link.row) {
            problems.push({ kind: 'entry_missing', detail: `the row sealed at position ${link.position} is gone`, position: link.position, seq: link.entrySeq });
          } else {
            const { xactId: _xact, ...row } = link.row;
            const leaf = leafHash({ position: link.position, ...row });
            const chained = afterGap ? link.chainHash : nextChainHash(key, previousHash, link.leafHash);
            if (leaf !== link.leafHash || chained !== link.chainHash) {
              problems.push({ kind: 'entry_altered', detail: `the row sealed at position ${link.position} does not match its seal`, position: link.position, seq: link.entrySeq });
              brokenAtSeq ??= link.entrySeq;
            }
          }
          previousHash = link.chainHash;
          heads.add(link.position, link.leafHash, link.chainHash, key, problems);
          checked += 1;
        }
        if (links.length < BATCH) break;
        after = links[links.length - 1].position;
      }
      const size = String(expected - 1n);
      heads.finish(size, problems);

      const end = await this.chain.end(tx);
      const unsealed = await this.chain.countAfter(tx, end ? { xactId: end.xactId, seq: end.entrySeq } : null);
      if (end) {
        const outside = await this.chain.countBehindEndOutsideChain(tx, { xactId: end.xactId, seq: end.entrySeq });
        if (outside > 0) problems.push({ kind: 'rows_outside_chain', detail: `${outside} rows appeared behind the sealed end and are not in the chain` });
      }
      for (const [source, head] of [['the copy outside the database', await this.outsideCopy()], ['the head you gave', known]] as const) {
        if (!head) continue;
        if (BigInt(head.treeSize) > BigInt(size)) {
          problems.push({ kind: 'truncated', detail: `${source} has ${head.treeSize} sealed rows; the database has ${size}` });
        } else if (BigInt(head.treeSize) > 0n && (await this.chain.chainHashAt(tx, head.treeSize)) !== head.chainHash) {
          problems.push({ kind: 'rewritten', detail: `the chain hash at ${head.treeSize} differs from ${source}`, position: head.treeSize });
        }
      }
      const latest = heads.latest();
      return {
        valid: problems.length === 0,
        checked,
        unsealed,
        head: latest ? toPublishedHead(latest) : null,
        problems,
        ...(brokenAtSeq ? { brokenAtSeq } : {}),
      };
    });
  }

  private async outsideCopy(): Promise<PublishedHead | null> {
    const stored = await this.redis.get(publishedHeadKey(this.config));
    return stored ? (JSON.parse(stored) as PublishedHead) : null;
  }
}

/** Checks each tree head against the links of its range as they go by, in position order. */
class HeadWalk {
  private index = 0;
  private leaves: string[] = [];
  private lastGood: StoredTreeHead | null = null;
  private previousSize = 0n;

  constructor(private readonly heads: readonly StoredTreeHead[]) {}

  add(position: string, leaf: string, chainHash: string, key: string, problems: ChainProblem[]): void {
    // A head whose last position never came by lost rows of its range.
    while (this.heads[this.index] && BigInt(position) > BigInt(this.heads[this.index].treeSize)) {
      const lost = this.heads[this.index];
      problems.push({ kind: 'head_invalid', detail: `the tree head of size ${lost.treeSize} covers rows that are gone`, position: lost.treeSize });
      this.previousSize = BigInt(lost.treeSize);
      this.leaves = [];
      this.index += 1;
    }
    const head = this.heads[this.index];
    if (!head) return;
    this.leaves.push(leaf);
    if (position !== head.treeSize) return;
    const { signature, ...unsigned } = head;
    const rangeOk = BigInt(head.firstPosition) === this.previousSize + 1n;
    if (!rangeOk) problems.push({ kind: 'heads_not_contiguous', detail: `the head of size ${head.treeSize} starts at ${head.firstPosition}`, position: head.firstPosition });
    const signed = signTreeHead(key, { ...unsigned, sealedAt: new Date(unsigned.sealedAt) }) === signature;
    if (!signed || head.chainHash !== chainHash || head.rangeRoot !== merkleTreeHash(this.leaves.slice(-Number(BigInt(head.treeSize) - BigInt(head.firstPosition) + 1n)))) {
      problems.push({ kind: 'head_invalid', detail: `the tree head of size ${head.treeSize} does not match the chain or its signature`, position: head.treeSize });
    } else if (rangeOk) {
      this.lastGood = head;
    }
    this.previousSize = BigInt(head.treeSize);
    this.leaves = [];
    this.index += 1;
  }

  finish(size: string, problems: ChainProblem[]): void {
    if (this.index < this.heads.length) {
      problems.push({ kind: 'truncated', detail: `a tree head covers ${this.heads[this.heads.length - 1].treeSize} rows; the chain has ${size}` });
    } else if (this.previousSize !== BigInt(size)) {
      problems.push({ kind: 'unsigned_tail', detail: `positions ${this.previousSize + 1n} to ${size} are under no signed tree head` });
    }
  }

  latest(): StoredTreeHead | null {
    return this.heads[this.heads.length - 1] ?? this.lastGood;
  }
}
