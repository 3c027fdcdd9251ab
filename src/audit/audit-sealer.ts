import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Clock } from '../app/clock.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { describeError } from '../app/logging.js';
import { REDIS_CLIENT } from '../app/redis.js';
import { TransactionRunner } from '../database/transaction.js';
import { GENESIS_CHAIN_HASH, leafHash, merkleTreeHash, nextChainHash, signTreeHead } from './audit-chain.js';
import { AuditChainRepository, type ChainLink, type StoredTreeHead } from './audit-chain.repository.js';

/** Rows per seal (one transaction, one tree head): a range small enough to verify in memory. */
export const SEAL_BATCH = 5_000;

/** Where the latest head is copied outside the database, for verification to compare with. */
export function publishedHeadKey(config: AppConfig): string {
  return `${config.redisPrefix}:audit-head`;
}

export interface PublishedHead {
  treeSize: string;
  chainHash: string;
  rangeRoot: string;
  sealedAt: string;
  signature: string;
}

export function toPublishedHead(head: StoredTreeHead): PublishedHead {
  return {
    treeSize: head.treeSize,
    chainHash: head.chainHash,
    rangeRoot: head.rangeRoot,
    sealedAt: new Date(head.sealedAt).toISOString(),
    signature: head.signature,
  };
}

/**
 * Chains committed audit rows, off the request path. Runs in the worker every couple of
 * seconds (one at a time, by advisory lock): takes the rows of finished transactions past
 * the chain's end, gives each the next gap-free position, a leaf hash and the keyed chain
 * hash, and signs a tree head over the range, all in one transaction; then copies the head
 * to Redis (outside the database) for verification to compare with.
 */
@Injectable()
export class AuditSealer {
  private readonly logger = new Logger(AuditSealer.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly chain: AuditChainRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  /** Seals everything final now; answers how many rows it sealed. */
  async sealAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { sealed, head } = await this.sealBatch();
      total += sealed;
      if (head) await this.copyHead(head);
      if (sealed < SEAL_BATCH) return total;
    }
  }

  private sealBatch(): Promise<{ sealed: number; head?: StoredTreeHead }> {
    return this.transactions.run(async (tx) => {
      if (!(await this.chain.trySealerLock(tx))) return { sealed: 0 };
      const end = await this.chain.end(tx);
      const rows = await this.chain.finalRowsAfter(tx, end ? { xactId: end.xactId, seq: end.entrySeq } : null, SEAL_BATCH);
      if (rows.length === 0) return { sealed: 0 };
      const key = this.config.audit.chainKey;
      const sealedAt = this.clock.now();
      let position = BigInt(end?.position ?? '0');
      let chainHash = end?.chainHash ?? GENESIS_CHAIN_HASH;
      const firstPosition = String(position + 1n);
      const links: ChainLink[] = rows.map(({ xactId: _xact, ...row }) => {
        position += 1n;
        const leaf = leafHash({ position: String(position), ...row });
        chainHash = nextChainHash(key, chainHash, leaf);
        return { position: String(position), entrySeq: row.seq, leafHash: leaf, chainHash };
      });
      const unsigned = {
        firstPosition,
        treeSize: String(position),
        rangeRoot: merkleTreeHash(links.map((link) => link.leafHash)),
        chainHash,
        sealedAt,
      };
      const head: StoredTreeHead = { ...unsigned, signature: signTreeHead(key, unsigned) };
      await this.chain.append(tx, links, head);
      return { sealed: links.length, head };
    });
  }

  private async copyHead(head: StoredTreeHead): Promise<void> {
    try {
      await this.redis.set(publishedHeadKey(this.config), JSON.stringify(toPublishedHead(head)));
    } catch (error) {
      // The head is in the database and in the daily log line; Redis is a second copy.
      this.logger.warn({ error: describeError(error) }, 'could not copy the audit head to Redis');
    }
  }

  /** The head, written to the log (outside the database): a later truncation cannot hide from it. */
  async publishHead(): Promise<PublishedHead | null> {
    const head = await this.chain.latestHead(this.transactions.manager);
    if (!head) return null;
    const published = toPublishedHead(head);
    this.logger.log({ auditHead: published }, `audit head: ${published.treeSize} rows sealed, chain hash ${published.chainHash}`);
    await this.copyHead(head);
    return published;
  }
}
