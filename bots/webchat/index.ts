// The web chat channel: its HTTP API (router.ts), its page (public/) and its factory (channel.ts).
export { webchatChannel, WEBCHAT_INTEGRATION_ID, type WebchatTuning } from './channel.js';
export { createWebchatRouter, type WebchatHub } from './router.js';
