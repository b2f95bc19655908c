// A whole hub with WhatsApp Web on a fake Baileys socket: no pacing, no terminal QR, pairing
// events collected for the test.
import type { PairingEvent } from '../../../bots/whatsapp-web/index.js';
import type { FakeWhatsapp } from '../../doubles/baileys-socket.js';
import { startTestHub, type TestHub } from '../../support/hub.js';

export function startWhatsappWebHub(whatsapp: FakeWhatsapp, pairing: PairingEvent[], env: Record<string, string> = {}): Promise<TestHub> {
  return startTestHub({ WHATSAPP_WEB: 'on', ...env }, {
    channelTuning: {
      'whatsapp-web': {
        makeSocket: whatsapp.makeSocket,
        downloadMedia: whatsapp.download,
        pacing: { gapMs: 0, jitterMs: 0 },
        terminal: null,
        onPairing: (event: PairingEvent) => void pairing.push(event),
      },
    },
  });
}
