/**
 * Hostile and heavy traffic on loopback, bounded in count and time: arbitrary frames,
 * many sockets opening and closing, a flood from one connection, and many malformed
 * frames. The service must keep answering everyone else, lose nothing, and stay small.
 */
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { syntheticArticles } from '../../src/bench/synthetic';
import { ask } from '../../src/core/answer';
import { buildCorpus } from '../../src/core/corpus';
import { buildIndex } from '../../src/core/search-index';
import { createService, type Service } from '../../src/server/service';
import { seedIndexOnce, silentLogger } from '../helpers';
import { assertServerMessage } from '../schemas';
import { connect } from '../ws-client';

const index = seedIndexOnce();
const DOCUMENTED_CLOSE_CODES = [1007, 1008, 1009];

let service: Service;
let address: AddressInfo;
const url = () => `ws://127.0.0.1:${address.port}/ws`;

beforeAll(async () => {
  // Loopback is one address for every client here: the per-address cap is raised for that.
  service = createService({ index, logger: silentLogger, limits: { maxConnectionsPerIp: 2000, maxConnections: 2000 } });
  address = await service.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await service.close();
});

/** Sends one frame on a fresh socket; resolves with what the server did about it. */
function sendFrame(frame: string | Buffer, binary: boolean): Promise<{ reply?: Record<string, unknown>; close?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url());
    let hello = false;
    const timer = setTimeout(() => reject(new Error('no reply and no close within 3 s')), 3000);
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      assertServerMessage(message);
      if (!hello) {
        hello = true;
        ws.send(frame, { binary });
        return;
      }
      clearTimeout(timer);
      ws.close();
      resolve({ reply: message });
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ close: code });
    });
    ws.on('error', () => undefined);
  });
}

describe('arbitrary frames against the live server', () => {
  it('get a reply that matches its schema, or a documented close; then a fresh socket is answered', async () => {
    const validAsk = fc.record({ type: fc.constant('ask'), id: fc.string({ maxLength: 8 }), question: fc.constantFrom('How long did the meeting last?', 'Lavrov') });
    const frame = fc.oneof(
      fc.string({ maxLength: 300 }).map((s) => ({ data: s as string | Buffer, binary: false })),
      fc.json({ maxDepth: 3 }).map((s) => ({ data: s as string | Buffer, binary: false })),
      validAsk.map((a) => ({ data: JSON.stringify(a) as string | Buffer, binary: false })),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ data: Buffer.from(bytes) as string | Buffer, binary: true })),
      fc.uint8Array({ minLength: 1, maxLength: 50 }).map((bytes) => ({ data: Buffer.from([...bytes, 0xff]) as string | Buffer, binary: false })), // not UTF-8
      fc.constant({ data: 'x'.repeat(20_000) as string | Buffer, binary: false }), // over the frame cap
    );
    await fc.assert(
      fc.asyncProperty(frame, async ({ data, binary }) => {
        const outcome = await sendFrame(data, binary);
        if (outcome.close !== undefined && outcome.reply === undefined) expect(DOCUMENTED_CLOSE_CODES).toContain(outcome.close);
      }),
      { numRuns: 150 },
    );
    const socket = await connect(url());
    await socket.next();
    socket.sendJson({ type: 'ask', id: 'after', question: 'How long did the meeting last?' });
    expect(await socket.next()).toMatchObject({ id: 'after', answered: true, short: { text: 'about an hour' } });
    socket.ws.close();
  }, 60_000);
});

describe('abuse on loopback', () => {
  it('500 sockets churning and one flooder do not cost the 20 well-behaved clients a single answer', async () => {
    const figures = { churned: 0, answered: 0, duplicated: 0, lost: 0, flooderRateLimited: 0, flooderAnswered: 0 };

    // 500 sockets open and close, 50 at a time.
    const churn = (async () => {
      for (let batch = 0; batch < 10; batch++) {
        await Promise.all(
          Array.from({ length: 50 }, () =>
            new Promise<void>((resolve) => {
              const ws = new WebSocket(url());
              ws.on('open', () => {
                figures.churned++;
                ws.close();
              });
              ws.on('close', () => resolve());
              ws.on('error', () => resolve());
            }),
          ),
        );
      }
    })();

    // One connection floods: 500 pings at once.
    const flooder = await connect(url());
    await flooder.next();
    for (let i = 0; i < 500; i++) flooder.sendJson({ type: 'ping', id: i });
    const flood = (async () => {
      for (let i = 0; i < 500; i++) {
        const reply = await flooder.next(10_000);
        if (reply.type === 'error' && reply.code === 'rate_limited') figures.flooderRateLimited++;
        else if (reply.type === 'pong') figures.flooderAnswered++;
      }
    })();

    // 20 clients ask 10 questions each, at a polite pace.
    const questions = ['How long did the meeting last?', 'Which islands are disputed?', 'Who sent a New Year message?', 'What is the capital of France?'];
    const clients = await Promise.all(Array.from({ length: 20 }, async (_, c) => {
      const socket = await connect(url());
      await socket.next();
      const seen = new Map<string, number>();
      for (let q = 0; q < 10; q++) {
        const id = `${c}-${q}`;
        socket.sendJson({ type: 'ask', id, question: questions[q % questions.length] });
        const reply = await socket.next(10_000);
        expect(reply).toMatchObject({ type: 'answer', id, question: questions[q % questions.length] });
        seen.set(String(reply.id), (seen.get(String(reply.id)) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { c, socket, seen };
    }));
    await Promise.all([churn, flood]);
    for (const { c, socket, seen } of clients) {
      for (let q = 0; q < 10; q++) {
        const times = seen.get(`${c}-${q}`) ?? 0;
        if (times === 0) figures.lost++;
        else figures.answered++;
        if (times > 1) figures.duplicated++;
      }
      socket.ws.close();
    }
    flooder.ws.close();
    console.log(`abuse test: ${JSON.stringify(figures)}`);
    expect(figures).toMatchObject({ churned: 500, answered: 200, duplicated: 0, lost: 0 });
    expect(figures.flooderRateLimited).toBeGreaterThan(400);
    expect(figures.flooderAnswered + figures.flooderRateLimited).toBe(500);
  }, 60_000);
});

describe('memory', () => {
  it('stays flat across 100,000 malformed frames', async () => {
    const flood = createService({ index, logger: silentLogger, limits: { ratePerSecond: 1_000_000, rateBurst: 1_000_000 } });
    const { port } = await flood.listen(0, '127.0.0.1');
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const socket = await connect(`ws://127.0.0.1:${port}/ws`);
    await socket.next();
    const frames = ['not json', '{"type":', '[]', '{"type":"ask"}', '{"type":"nope","id":"x"}'];
    const send = async (count: number) => {
      for (let sent = 0; sent < count; sent += 1000) {
        for (let i = 0; i < 1000; i++) socket.ws.send(frames[i % frames.length]!);
        for (let i = 0; i < 1000; i++) expect((await socket.next()).code).toBe('bad_request');
      }
    };
    await send(10_000); // warm up: code paths compiled, pools filled
    gc();
    const before = process.memoryUsage().heapUsed;
    await send(100_000);
    gc();
    const growth = process.memoryUsage().heapUsed - before;
    console.log(`memory test: heap ${growth >= 0 ? 'grew' : 'shrank'} by ${(Math.abs(growth) / 1e6).toFixed(3)} MB across 100,000 malformed frames (bound: 8 MB)`);
    expect(growth).toBeLessThan(8e6);
    socket.ws.close();
    await flood.close();
  }, 120_000);
});

describe('expensive questions', () => {
  it("an address flooding long questions from 50 sockets does not change another reader's answers", async () => {
    // A larger corpus, with a small retrieval budget so that the bounded paths (common
    // words scored on candidates, champion lists) are the ones exercised, as at scale.
    const big = buildIndex(buildCorpus(syntheticArticles(300, 7)), { budget: { maxTerms: 16, selectiveSentences: 300, championsPerTerm: 64, championTerms: 3 } });
    const busy = createService({ index: big, logger: silentLogger });
    const { port } = await busy.listen(0, '127.0.0.1');
    const endpoint = `ws://127.0.0.1:${port}/ws`;
    try {
      // The flood comes from another loopback address, at the per-address cap.
      const heavy = await Promise.all(Array.from({ length: 50 }, () => connect(endpoint, undefined, undefined, '127.0.0.2')));
      const reader = await connect(endpoint);
      for (const socket of [...heavy, reader]) await socket.next();
      const long = 'trade agreement peace treaty energy deal border dispute fishing rights climate pact security talks tariff water shipping accord minister president officials parliament protests summit budget elections analysts industries jobs percent';
      heavy.forEach((socket) => {
        for (let i = 0; i < 5; i++) socket.sendJson({ type: 'ask', id: i, question: long, limit: 10 });
        socket.sendJson({ type: 'suggest', id: 's', prefix: 'the tre' });
      });
      // The reader's answers, asked during the flood, are those it gets when alone.
      const questions = ['How long did the meeting last?', 'Who proposed the trade agreement?', 'How much did trade grow?'];
      for (let i = 0; i < 6; i++) {
        const question = questions[i % questions.length]!;
        reader.sendJson({ type: 'ask', id: `r${i}`, question });
        const reply = await reader.next(20_000);
        expect(reply).toMatchObject({ id: `r${i}`, answered: true, passages: ask(big, question).passages });
      }
      // Every flooding question got a reply (answered or refused for its rate), none lost.
      for (const socket of heavy) {
        const replies = await Promise.all(Array.from({ length: 6 }, () => socket.next(20_000)));
        expect(replies.filter((r) => r.type === 'suggestions')).toHaveLength(1);
        const asks = replies.filter((r) => r.type !== 'suggestions');
        expect(asks.map((r) => r.id).sort()).toEqual([0, 1, 2, 3, 4]);
        for (const r of asks) expect(r.type === 'answer' || r.code === 'rate_limited').toBe(true);
      }
      for (const socket of [...heavy, reader]) socket.ws.close();
    } finally {
      await busy.close();
    }
  }, 60_000);
});
