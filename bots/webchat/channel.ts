// The web chat's factory for the registry: its API (contracts/webchat-api.md) and its page are
// the adapter's routes. A pull channel: citizens read replies from the database, nothing is pushed.
import express from 'express';
import type { Redis } from 'ioredis';
import { ChannelError, type ChannelAdapter, type ChannelFactory } from '../../src/core/channel.js';
import { createWebchatRouter } from './router.js';

export interface WebchatTuning {
  /** messages per 10 s from one address (default 300) */
  messagesPerAddress?: number;
  /** the composition root's Redis client (REDIS_URL): the limits hold across processes */
  redis?: Redis;
  /** the limits' Redis key prefix (default `lapor-hub:webchat`) */
  rateLimitPrefix?: string;
}

/** The one web chat integration of a hub: its id is part of stored conversations. */
export const WEBCHAT_INTEGRATION_ID = 'webchat';
const PUBLIC_DIR = new URL('./public', import.meta.url).pathname;

export const webchatChannel: ChannelFactory<unknown, WebchatTuning> = {
  type: 'webchat',

  fromEnv: () => [{ id: WEBCHAT_INTEGRATION_ID, name: 'Web chat', settings: {} }],

  create(spec, context, tuning): ChannelAdapter {
    const api = createWebchatRouter({
      integrationId: spec.id,
      handle: async (message) => ({ replies: (await context.onInbound(message)).replies ?? [] }),
      history: context.history,
      media: context.media,
      now: context.now,
      messagesPerAddress: tuning?.messagesPerAddress,
      redis: tuning?.redis,
      rateLimitPrefix: tuning?.rateLimitPrefix,
    });
    return {
      integrationId: spec.id,
      type: 'webchat',
      displayName: spec.name,
      async start() {},
      async stop() {},
      async send() {
        // replies are stored as delivered and read by the page: a push is a bug
        throw new ChannelError('permanent', 'the web chat is read from the database, never pushed to');
      },
      health: () => ({ status: 'connected' }),
      // the page is served at the root; files it does not have fall through to other routes
      routes: () => [{ path: '/api/v1/webchat', handler: api }, { path: '/', handler: express.static(PUBLIC_DIR) }],
    };
  },
};
