// The `manual` connector, for an agency without LAPOR! API access: an officer files each
// report by hand on lapor.go.id, then enters the tracking id and later statuses and
// responses through the hub's admin API. Nothing here touches the network.
//
// - submit → null: "accepted, tracking id comes later"; the hub marks the complaint
//   WAITING_MANUAL and shows it to officers.
// - fetchUpdates → always an empty page (updates arrive through the admin API).
// - postResponse → records nothing remotely: the reply stays in the hub, where the officer
//   sees it and copies it to LAPOR! if needed. Its id is local: `manual-<idempotencyKey>`,
//   so a replay gives the same id.
import type { Connector, LaporReportBody, UpdatesPage } from '../connector.js';

export class ManualConnector implements Connector {
  readonly type = 'manual' as const;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async submit(_report: LaporReportBody, _idempotencyKey: string): Promise<null> {
    return null;
  }

  async fetchUpdates(cursor: string | null): Promise<UpdatesPage> {
    return { updates: [], nextCursor: cursor };
  }

  async postResponse(
    _trackingId: string,
    _response: { message: string; role: 'pelapor' | 'instansi'; author: string | null },
    idempotencyKey: string,
  ): Promise<{ id: string; createdAt: Date }> {
    return { id: `manual-${idempotencyKey}`, createdAt: this.now() };
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    return { ok: true, detail: 'reports are filed by hand' };
  }
}
