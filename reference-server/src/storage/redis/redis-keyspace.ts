import type { Cluster, Redis } from 'ioredis';
import { APPEND_SCRIPT, RECORD_SCRIPT, REGISTER_SERVICE_SCRIPT } from './record-script.lua.js';

export type RedisClient = Redis | Cluster;

type Op = 'eq' | 'ne' | 'in' | 'gt' | 'ge' | 'lt' | 'le';
type Json = string | number | boolean | null;

/** A condition on the record itself (`[field, op, value]`) or on another key (`{key, field, op, value}`). */
export type Condition =
  [field: string, op: Op, value: Json | Json[]] | { key: string; field: string; op: Op; value: Json | Json[] };
/** An index change made in the same atomic step: `[command, key, ...args]`; `DELIFID` removes an "<until>|<id>" entry only while it names this id. */
export type Effect = [command: string, key: string, ...args: (string | number)[]];

export interface UpdateSpec {
  when?: Condition[];
  set?: Record<string, Json>;
  add?: Record<string, number>;
  /** After set/add: when `[field, op, value]` holds, set these fields too. */
  derive?: [field: string, op: Op, value: Json, set: Record<string, Json>][];
  effects?: Effect[];
}

export interface InsertSpec {
  /** Index keys that must be free, or hold "<until>|<id>" that lapsed by `now`. */
  unique?: { key: string; now?: number }[];
  effects?: Effect[];
}

/**
 * An index entry: which record holds a unique value, and until when (0: for
 * good). The insert guard and `DELIFID` in the record script read this shape.
 */
export const indexEntry = (id: string, until = 0) => `${until}|${id}`;

/** Backstop TTLs leave this much room past a record's own expiry, so the sweeper, not Redis, normally deletes. */
export const TTL_GRACE_MS = 60 * 60_000;

export function ttlUntil(expiresAt: number, from: number): number {
  return Math.max(expiresAt - from, 0) + TTL_GRACE_MS;
}

interface ScriptedClient {
  regieRecord(keyCount: number, ...args: string[]): Promise<string | null>;
  regieAppend(...keysAndArgs: string[]): Promise<number>;
  regieRegisterService(...keysAndArgs: string[]): Promise<string>;
}

export function defineScripts(client: RedisClient): void {
  client.defineCommand('regieRecord', { lua: RECORD_SCRIPT });
  client.defineCommand('regieAppend', { lua: APPEND_SCRIPT, numberOfKeys: 2 });
  client.defineCommand('regieRegisterService', { lua: REGISTER_SERVICE_SCRIPT, numberOfKeys: 2 });
}

/**
 * One tenant's keys: `<prefix>:{<tenant>}:<name>`. The braces are a Redis
 * Cluster hash tag, so a tenant's keys share a slot and one script can touch
 * several of them; no key of one tenant is ever built from another's prefix.
 */
export class Keyspace {
  private readonly base: string;

  constructor(
    readonly client: RedisClient,
    prefix: string,
    tenantId: string,
  ) {
    this.base = `${prefix}:{${tenantId}}:`;
  }

  key(...parts: string[]): string {
    return this.base + parts.join(':');
  }

  async read<T>(key: string): Promise<T | undefined> {
    const raw = await this.client.get(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  /** The id an index key points at, if it holds one. */
  async holderOf(indexKey: string): Promise<string | undefined> {
    const held = await this.client.get(indexKey);
    return held === null ? undefined : held.slice(held.indexOf('|') + 1);
  }

  async readMany<T>(keys: string[]): Promise<T[]> {
    if (keys.length === 0) return [];
    // One key at a time: MGET across keys is fine here (same slot), but pipelining keeps Cluster redirects simple.
    const pipeline = this.client.pipeline();
    for (const key of keys) pipeline.get(key);
    const results = (await pipeline.exec()) ?? [];
    return results.flatMap(([error, raw]) => {
      if (error) throw error;
      return raw === null ? [] : [JSON.parse(raw as string) as T];
    });
  }

  /** Inserts unless the record or a unique index exists; false otherwise. */
  async insert(key: string, record: object, spec: InsertSpec = {}): Promise<boolean> {
    const keys = new KeyList(key);
    const wire = {
      unique: (spec.unique ?? []).map((guard) => [keys.indexOf(guard.key), guard.now ?? null]),
      effects: keys.effects(spec.effects),
    };
    const result = await this.scripted().regieRecord(
      keys.count,
      ...keys.all,
      'insert',
      JSON.stringify(wire),
      JSON.stringify(record),
    );
    return result !== null;
  }

  /** Updates when every condition holds; returns the record before and after, or undefined. */
  async update<T extends object>(key: string, spec: UpdateSpec): Promise<{ before: T; after: T } | undefined> {
    const keys = new KeyList(key);
    const wire = {
      when: keys.conditions(spec.when),
      set: spec.set ?? {},
      add: spec.add ?? {},
      derive: spec.derive ?? [],
      effects: keys.effects(spec.effects),
    };
    const raw = await this.scripted().regieRecord(keys.count, ...keys.all, 'update', JSON.stringify(wire));
    if (raw === null) return undefined;
    const before = JSON.parse(raw) as Record<string, Json>;
    const after: Record<string, Json> = { ...before, ...spec.set };
    for (const [field, delta] of Object.entries(spec.add ?? {})) after[field] = Number(after[field] ?? 0) + delta;
    for (const [field, op, value, set] of spec.derive ?? [])
      if (holds(after[field] ?? null, op, value)) Object.assign(after, set);
    return { before: before as T, after: after as T };
  }

  /** Reads and deletes the record, once, when every condition holds. */
  async take<T>(key: string, spec: Pick<UpdateSpec, 'when' | 'effects'> = {}): Promise<T | undefined> {
    const keys = new KeyList(key);
    const wire = { when: keys.conditions(spec.when), effects: keys.effects(spec.effects) };
    const raw = await this.scripted().regieRecord(keys.count, ...keys.all, 'take', JSON.stringify(wire));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  /** Appends to a numbered log; returns the entry's number. */
  async append(counterKey: string, logKey: string, entry: object): Promise<number> {
    return Number(await this.scripted().regieAppend(counterKey, logKey, JSON.stringify(entry)));
  }

  registerService(
    latestKey: string,
    versionsKey: string,
    field: string,
    providerId: string,
    serviceType: string,
    description: string,
    now: number,
  ): Promise<string> {
    return this.scripted().regieRegisterService(
      latestKey,
      versionsKey,
      field,
      providerId,
      serviceType,
      description,
      String(now),
    );
  }

  /** Ids in a sorted set with a score up to `max`. */
  async due(setKey: string, max: number, limit = 1000): Promise<string[]> {
    return this.client.zrangebyscore(setKey, '-inf', max, 'LIMIT', 0, limit);
  }

  private scripted(): ScriptedClient {
    return this.client as unknown as ScriptedClient;
  }
}

/** Collects the keys a script call names and turns them into 1-based positions. */
class KeyList {
  readonly all: string[];

  constructor(recordKey: string) {
    this.all = [recordKey];
  }

  get count(): number {
    return this.all.length;
  }

  indexOf(key: string): number {
    const found = this.all.indexOf(key);
    if (found >= 0) return found + 1;
    this.all.push(key);
    return this.all.length;
  }

  conditions(conditions: Condition[] = []): unknown[] {
    return conditions.map((condition) =>
      Array.isArray(condition)
        ? [1, ...condition]
        : [this.indexOf(condition.key), condition.field, condition.op, condition.value],
    );
  }

  effects(effects: Effect[] = []): unknown[] {
    return effects.map(([command, key, ...args]) => [command, this.indexOf(key), ...args.map(String)]);
  }
}

function holds(value: Json, op: Op, want: Json | Json[]): boolean {
  switch (op) {
    case 'eq':
      return value === want;
    case 'ne':
      return value !== want;
    case 'in':
      return (want as Json[]).includes(value);
    default:
      if (typeof value !== 'number' || typeof want !== 'number') return false;
      if (op === 'gt') return value > want;
      if (op === 'ge') return value >= want;
      if (op === 'lt') return value < want;
      return value <= want;
  }
}
