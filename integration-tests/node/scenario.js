// The interoperability scenario (../SCENARIO.md) through ioredis.
//
//   npm ci && DISKDB_PORT=6380 node scenario.js
'use strict';
const assert = require('node:assert');
const Redis = require('ioredis');

const host = process.env.DISKDB_HOST || '127.0.0.1';
const port = Number(process.env.DISKDB_PORT || 6380);
const password = process.env.DISKDB_PASSWORD || undefined;
const prefix = `it:node:${Math.floor(Math.random() * 2 ** 30)}:`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const connect = () => new Redis({ host, port, password, maxRetriesPerRequest: 1, commandTimeout: 10000 });
const withTimeout = (promise, ms, what) =>
  Promise.race([promise, sleep(ms).then(() => `no ${what} within ${ms} ms`)]);

let passed = 0;
let failed = 0;
let skipped = 0;
const keys = new Set();
const r = connect();

function key(name) {
  const k = prefix + name;
  keys.add(k);
  return k;
}

function check(part, what, got, want) {
  try {
    assert.deepStrictEqual(got, want);
    passed++;
    console.log(`PASS ${part}: ${what}`);
  } catch {
    failed++;
    console.log(`FAIL ${part}: ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

async function part(name, commands, body) {
  const infos = await r.call('COMMAND', 'INFO', ...commands);
  const missing = commands.filter((_, i) => infos[i] === null).map((c) => c.toUpperCase());
  if (missing.length > 0) {
    skipped++;
    console.log(`SKIP ${name}: server lacks ${missing.join(', ')}`);
    return;
  }
  try {
    await body(name);
  } catch (e) { // one broken part must not hide the others
    failed++;
    console.log(`FAIL ${name}: ${e && e.message}`);
  }
}

async function strings(p) {
  const k = key('greeting');
  const gone = key('short');
  check(p, 'SET EX', await r.set(k, 'hello', 'EX', 100), 'OK');
  check(p, 'GET', await r.get(k), 'hello');
  const ttl = await r.ttl(k);
  check(p, 'TTL within 1..100', ttl > 0 && ttl <= 100, true);
  check(p, 'SET NX on an existing key', await r.set(k, 'other', 'NX'), null);
  check(p, 'SET PX', await r.set(gone, 'brief', 'PX', 200), 'OK');
  await sleep(400);
  check(p, 'key gone after its PX', await r.get(gone), null);
}

async function counter(p) {
  const k = key('counter');
  check(p, 'INCR x3', [await r.incr(k), await r.incr(k), await r.incr(k)], [1, 2, 3]);
  check(p, 'INCRBY 10', await r.incrby(k, 10), 13);
  check(p, 'DECR', await r.decr(k), 12);
  check(p, 'GET', await r.get(k), '12');
}

async function queue(p) {
  const q = key('queue');
  check(p, 'LPUSH 3 tasks', await r.lpush(q, 't1', 't2', 't3'), 3);
  const popped = [await r.brpop(q, 1), await r.brpop(q, 1), await r.brpop(q, 1)];
  check(p, 'BRPOP x3 in FIFO order', popped, [[q, 't1'], [q, 't2'], [q, 't3']]);
  const start = Date.now();
  check(p, 'BRPOP on an empty list times out with nil', await r.brpop(q, 1), null);
  check(p, 'BRPOP waited its timeout', Date.now() - start >= 900, true);
  const waiter = connect();
  const woken = withTimeout(waiter.brpop(q, 5), 10000, 'reply');
  await sleep(200);
  await r.lpush(q, 'urgent');
  check(p, 'a blocked BRPOP is woken by LPUSH', await woken, [q, 'urgent']);
  waiter.disconnect();
}

async function sets(p) {
  const s = key('tags');
  const t = key('other-tags');
  check(p, 'SADD 3', await r.sadd(s, 'a', 'b', 'c'), 3);
  check(p, 'SADD an existing member', await r.sadd(s, 'a'), 0);
  check(p, 'SISMEMBER', await r.sismember(s, 'b'), 1);
  check(p, 'SMEMBERS', (await r.smembers(s)).sort(), ['a', 'b', 'c']);
  check(p, 'SREM', await r.srem(s, 'a'), 1);
  check(p, 'SCARD', await r.scard(s), 2);
  await r.sadd(t, 'c', 'd');
  check(p, 'SINTER', (await r.sinter(s, t)).sort(), ['c']);
}

async function hash(p) {
  const h = key('user');
  check(p, 'HSET 3 fields', await r.hset(h, { name: 'Ada', lang: 'Java', visits: 1 }), 3);
  check(p, 'HGET', await r.hget(h, 'name'), 'Ada');
  check(p, 'HINCRBY', await r.hincrby(h, 'visits', 5), 6);
  check(p, 'HGETALL', { ...(await r.hgetall(h)) }, { name: 'Ada', lang: 'Java', visits: '6' });
  check(p, 'HDEL', await r.hdel(h, 'lang'), 1);
  check(p, 'HLEN', await r.hlen(h), 2);
}

async function leaderboard(p) {
  const z = key('leaderboard');
  check(p, 'ZADD 3', await r.zadd(z, 100, 'alice', 250, 'bob', 175, 'carol'), 3);
  check(p, 'ZINCRBY', await r.zincrby(z, 100, 'alice'), '200');
  check(p, 'ZRANGE WITHSCORES', await r.zrange(z, 0, -1, 'WITHSCORES'),
    ['carol', '175', 'alice', '200', 'bob', '250']);
  check(p, 'ZREVRANGE top 1', await r.zrevrange(z, 0, 0), ['bob']);
  check(p, 'ZRANK', await r.zrank(z, 'alice'), 1);
  check(p, 'ZSCORE', await r.zscore(z, 'carol'), '175');
}

async function jsonDocument(p) {
  const d = key('doc');
  const doc = { name: 'widget', tags: ['a', 'b'], price: 9.5, stock: { count: 3 } };
  // JSON replies are compared parsed, independent of spacing.
  check(p, 'JSON.SET $', await r.call('JSON.SET', d, '$', JSON.stringify(doc)), 'OK');
  check(p, 'JSON.GET $.name', JSON.parse(await r.call('JSON.GET', d, '$.name')), ['widget']);
  check(p, 'JSON.GET $.stock.count', JSON.parse(await r.call('JSON.GET', d, '$.stock.count')), [3]);
  check(p, 'JSON.NUMINCRBY', JSON.parse(await r.call('JSON.NUMINCRBY', d, '$.stock.count', 2)), [5]);
  check(p, 'JSON.ARRAPPEND', await r.call('JSON.ARRAPPEND', d, '$.tags', '"c"'), [3]);
  check(p, 'JSON.GET $.tags', JSON.parse(await r.call('JSON.GET', d, '$.tags')), [['a', 'b', 'c']]);
}

async function stream(p) {
  const s = key('events');
  const first = await r.xadd(s, '*', 'sensor', '1', 'temp', '20');
  const second = await r.xadd(s, '*', 'sensor', '2', 'temp', '21');
  const msSeq = (id) => id.split('-').map(BigInt);
  const [m1, s1] = msSeq(first);
  const [m2, s2] = msSeq(second);
  check(p, 'XADD ids are ms-seq and increasing', m1 > 0n && (m1 < m2 || (m1 === m2 && s1 < s2)), true);
  check(p, 'XLEN', await r.xlen(s), 2);
  check(p, 'XRANGE - +', await r.xrange(s, '-', '+'),
    [[first, ['sensor', '1', 'temp', '20']], [second, ['sensor', '2', 'temp', '21']]]);
  check(p, 'XRANGE COUNT 1', (await r.xrange(s, '-', '+', 'COUNT', 1)).map((e) => e[0]), [first]);
}

async function transaction(p) {
  const a = key('account:a');
  const b = key('account:b');
  await r.set(a, 100);
  await r.set(b, 50);
  check(p, 'MULTI DECRBY INCRBY EXEC', await r.multi().decrby(a, 30).incrby(b, 30).exec(), [[null, 70], [null, 80]]);
  check(p, 'balances after the transfer', await r.mget(a, b), ['70', '80']);
  const other = connect();
  await r.watch(a);
  await other.set(a, 1000);
  check(p, 'EXEC after a watched key changed returns nil', await r.multi().decrby(a, 30).incrby(b, 30).exec(), null);
  check(p, 'nothing applied by the aborted EXEC', await r.mget(a, b), ['1000', '80']);
  other.disconnect();
}

async function pubsub(p) {
  const channel = key('news');
  const sub = connect();
  const received = new Promise((resolve) => sub.on('message', (ch, message) => resolve([ch, message])));
  check(p, 'SUBSCRIBE confirmed', await withTimeout(sub.subscribe(channel), 5000, 'confirmation'), 1);
  check(p, 'PUBLISH reaches 1 subscriber', await r.publish(channel, 'hello'), 1);
  check(p, 'message received', await withTimeout(received, 5000, 'message'), [channel, 'hello']);
  sub.disconnect();
}

async function main() {
  console.log(`ioredis ${require('ioredis/package.json').version} against ${host}:${port}`);
  await part('strings', ['set', 'get', 'ttl'], strings);
  await part('counter', ['incr', 'incrby', 'decr'], counter);
  await part('queue', ['lpush', 'brpop'], queue);
  await part('sets', ['sadd', 'sismember', 'smembers', 'srem', 'scard', 'sinter'], sets);
  await part('hash', ['hset', 'hget', 'hincrby', 'hgetall', 'hdel', 'hlen'], hash);
  await part('leaderboard', ['zadd', 'zincrby', 'zrange', 'zrevrange', 'zrank', 'zscore'], leaderboard);
  await part('json', ['json.set', 'json.get', 'json.numincrby', 'json.arrappend'], jsonDocument);
  await part('stream', ['xadd', 'xlen', 'xrange'], stream);
  await part('transaction', ['multi', 'exec', 'watch', 'mget'], transaction);
  await part('pubsub', ['subscribe', 'publish'], pubsub);
  if (keys.size > 0) await r.del(...keys);
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
}

main()
  .catch((e) => {
    failed++;
    console.log(`FAIL: ${e && e.stack}`);
    console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  })
  .finally(() => {
    r.disconnect();
    process.exit(failed > 0 ? 1 : 0);
  });
