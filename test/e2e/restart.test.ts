// The real `lapor-hub start` on the embedded defaults: killed mid-conversation (SIGKILL,
// no goodbye), started again on the same DATA_DIR, it resumes where the citizen was.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, kill, startHubProcess, type HubProcess } from '../support/process.js';
import { last, WebchatClient } from '../support/webchat-client.js';

describe('lapor-hub start, killed and started again', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lapor-restart-'));
  let hub: HubProcess | undefined;
  afterAll(async () => {
    if (hub) await kill(hub);
  });

  it('resumes the conversation mid-flow and files the complaint once', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    hub = await startHubProcess(env);
    const chat = new WebchatClient(`http://127.0.0.1:${port}`);
    // the bot may skip what its NLP already understood: answer whatever it asks
    const answers: Record<string, { text: string } | { payload: string }> = {
      description: { text: 'Saluran air di Jl. Sukajadi tersumbat sampah, banjir setiap hujan deras.' },
      category: { payload: 'lingkungan' },
      location: { text: 'Jl. Sukajadi no. 10, Kota Bandung' },
      date_of_incident: { text: '3 hari lalu' },
      attachments: { payload: 'skip' },
      privacy: { payload: 'anonymous' },
    };
    await chat.say({ text: 'halo' });
    let question = last(await chat.say({ payload: 'PENGADUAN' }));
    question = last(await chat.say(answers.description!));
    const askedBeforeKill = question.expects?.slot;
    expect(askedBeforeKill).toBeDefined();

    expect(await kill(hub)).toBeNull(); // killed by signal
    hub = await startHubProcess(env);

    // the next answer is taken as the answer to the question asked before the kill
    for (let turn = 0; turn < 8 && question.expects?.slot !== 'confirm'; turn++) {
      const answer = answers[question.expects?.slot ?? ''];
      if (!answer) throw new Error(`unexpected question: ${question.text}`);
      const before = question.expects?.slot;
      question = last(await chat.say(answer));
      expect(question.expects?.slot).not.toBe(before);
    }
    expect(question.expects?.slot).toBe('confirm');
    const confirmed = await chat.say({ payload: 'confirm' });
    expect(confirmed.length).toBeGreaterThan(0);
    const deadline = Date.now() + 20_000;
    let tracking: string | undefined;
    while (!tracking && Date.now() < deadline) {
      tracking = (await chat.history()).map((m) => /\b(\d{7})\b/.exec(m.text)?.[1]).find(Boolean);
      if (!tracking) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(tracking).toMatch(/^\d{7}$/);
    // the history kept every message across the restart
    const texts = (await chat.history()).map((m) => m.text);
    expect(texts.length).toBeGreaterThanOrEqual(9);
    const status = await fetch(`http://127.0.0.1:${port}/simulator/lapor/control/reports`).then((r) => r.json());
    expect(status.reports ?? status).toHaveLength(1);
  });
});
