// A channel for registry tests, built like a real one: a factory with fromEnv and create, an
// adapter with routes, health, start/stop, run-once, a webhook stored through the inbox and
// processed from the queue into the conversation, and replies pushed through send().
import express from 'express';
import type { ChannelAdapter, ChannelContext, ChannelFactory, ChannelHealth } from '../../src/core/channel.js';
import type { OutboundMessage } from '../../src/core/messages.js';
import type { ChannelType } from '../../src/core/taxonomy.js';

export interface FakeWebhook {
  id: string;
  chatId: string;
  text: string;
}

/** What a test sees of the adapters one hub's factory built, and what it changes in them. */
export class FakeChannelProbe {
  context: ChannelContext | undefined;
  adapter: ChannelAdapter | undefined;
  running = false;
  starts = 0;
  stops = 0;
  health: ChannelHealth = { status: 'connected' };
  /** payload ids processWebhook was called with, in order (failures included) */
  processed: string[] = [];
  /** the next n processWebhook calls throw */
  failNextProcessing = 0;
  /** payload id → how long its processing takes (ms) */
  slowProcessing = new Map<string, number>();
  /** payload ids whose processing finished, in order */
  finished: string[] = [];
  sent: { chatId: string; message: OutboundMessage }[] = [];
}

export function fakeChannel(probe: FakeChannelProbe, options: { id?: string; type?: ChannelType; runOnce?: boolean } = {}): ChannelFactory {
  const type = options.type ?? 'whatsapp-cloud';
  const id = options.id ?? 'fake-1';
  return {
    type,
    fromEnv: () => [{ id, name: 'Fake channel', settings: { secret: 'never-logged' } }],
    create(spec, context) {
      probe.context = context;
      const router = express.Router();
      router.post('/', express.json(), async (req, res, next) => {
        try {
          const hook = req.body as FakeWebhook;
          const { duplicate } = await context.inbox.accept(hook.id, hook, { chatId: hook.chatId });
          res.json({ duplicate });
        } catch (error) {
          next(error);
        }
      });
      router.get('/status', (_req, res) => void res.json({ integrationId: spec.id }));
      const adapter: ChannelAdapter = {
        integrationId: spec.id,
        type,
        displayName: spec.name,
        runOnce: options.runOnce,
        async start() {
          probe.starts += 1;
          probe.running = true;
        },
        async stop() {
          probe.stops += 1;
          probe.running = false;
        },
        async send(chatId, message) {
          probe.sent.push({ chatId, message });
          return { platformMessageId: `fake-out-${probe.sent.length}` };
        },
        health: () => probe.health,
        routes: () => [{ path: `/webhooks/${spec.id}`, handler: router }],
        async processWebhook(payload) {
          const hook = payload as FakeWebhook;
          probe.processed.push(hook.id);
          if (probe.failNextProcessing > 0) {
            probe.failNextProcessing -= 1;
            throw new Error('the platform is slow today');
          }
          const slow = probe.slowProcessing.get(hook.id);
          if (slow) await new Promise((resolve) => setTimeout(resolve, slow));
          await context.onInbound({
            integrationId: spec.id,
            channel: type,
            chatId: hook.chatId,
            platformMessageId: hook.id,
            sender: { externalId: hook.chatId },
            content: { kind: 'text', text: hook.text },
            receivedAt: context.now(),
          });
          probe.finished.push(hook.id);
        },
      };
      probe.adapter = adapter;
      return adapter;
    },
  };
}
